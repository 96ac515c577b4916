//! 三、下一步工作要求: 整改 for each failed account by the deadline, then the standing demands of
//! seed 004 (安全与审核, 底数与备案, 关停整合 with this round's consolidation findings, 管理基础).

use super::document_ctx::{Ctx, date_words};
use crate::i18n::Lang;
use crate::io::document::Text;

pub(super) fn demands(cx: &Ctx<'_>) -> Vec<Text> {
    let mut out = rectification(cx);
    let findings: &[String] = cx.b.operations.as_ref().map_or(&[], |o| &o.findings);
    match cx.lang {
        Lang::Zh => {
            out.push(Text::plain(
                "（二）进一步摸清政务新媒体底数和运维情况。按照“一个单位在同一平台上只开设一个政务新媒体账号”等原则排查本单位开设的政务新媒体，及时备案更新；对“空壳类”“僵尸类”以及无力维护的政务新媒体，坚决予以关停注销或整合。",
            ));
            if !findings.is_empty() {
                out.push(Text::plain(format!(
                    "本次监测发现账号数超出上限或同一单位在同一平台开设多个账号等需整合的情况{}处（详见附件），相关单位要提出整合方案并报送。",
                    findings.len()
                )));
            }
            out.push(Text::plain(
                "（三）进一步夯实政务新媒体管理基础。对照检查指标查短板、补弱项，完善信息发布审核、读网巡查、留言办理、应急处置等制度，确保安全平稳运行。",
            ));
        }
        Lang::En => {
            out.push(Text::plain(
                "(2) Know every account and how it is run: one account per unit and platform, filings kept up to date; close or merge empty, dormant or unmaintained accounts.",
            ));
            if !findings.is_empty() {
                out.push(Text::plain(format!(
                    "This round's monitoring found {} cases to consolidate (too many accounts in a county, or one unit with several accounts on a platform; see the annex). The units concerned submit a plan.",
                    findings.len()
                )));
            }
            out.push(Text::plain(
                "(3) Strengthen management: review, monitoring, replies to messages and incident handling, checked against the indicators.",
            ));
        }
    }
    out
}

/// （一）整改: the deadline and one paragraph per failed account.
fn rectification(cx: &Ctx<'_>) -> Vec<Text> {
    let b = cx.b;
    let deadline = cx
        .issue
        .deadline
        .map(|d| Text::plain(date_words(d, cx.lang)))
        .unwrap_or_else(|| Text::blank(cx.t("整改期限", "deadline")));
    if b.failures.is_empty() {
        let mut out = vec![Text::plain(cx.t(
            "（一）巩固检查成果。各地各部门要对照检查指标开展自查，发现问题立即整改，确保所属政务新媒体持续合格。",
            "(1) Keep the results: every unit checks its own accounts against the indicators and puts right what it finds.",
        ))];
        out.extend(super::document_changes::deductions_demand(cx, &deadline));
        return out;
    }
    let mut out = vec![match cx.lang {
        Lang::Zh => Text::plain(format!(
            "（一）抓好问题整改。对本次检查发现的{}个不合格政务新媒体，相关主办单位要立即整改，于",
            b.failures.len()
        ))
        .push_text(&deadline)
        .push("前将整改情况书面报送")
        .push_text(&cx.issuer)
        .push("。具体如下："),
        Lang::En => Text::plain(format!(
            "(1) Put right what failed. The host units of the {} failed accounts correct them and report in writing to ",
            b.failures.len()
        ))
        .push_text(&cx.issuer)
        .push(" by ")
        .push_text(&deadline)
        .push(":"),
    }];
    for (i, f) in b.failures.iter().enumerate() {
        let demand = match (cx.lang, f.vetoes.is_empty()) {
            (Lang::Zh, false) => "须立即整改到位；确无力维护的，按程序关停注销。",
            (Lang::Zh, true) => "须对照检查指标逐项整改，提升内容更新和互动回应水平。",
            (Lang::En, false) => "correct it at once; an account that cannot be kept up is closed.",
            (Lang::En, true) => "correct it item by item against the indicators.",
        };
        out.push(Text::plain(match cx.lang {
            Lang::Zh => format!("{}. {}：{}，{demand}", i + 1, cx.who(f), cx.reason(f)),
            Lang::En => format!("{}. {}: {}; {demand}", i + 1, cx.who(f), cx.reason(f)),
        }));
    }
    out.extend(super::document_changes::deductions_demand(cx, &deadline));
    out
}
