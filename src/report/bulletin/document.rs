//! The bulletin as a 公文 in the order of seed 004 (无锡市 2022 Q4): title 「…关于…情况的通报」,
//! 主送, the basis (根据…), 一、总体情况 (截至 the monitoring date; accounts by level and by
//! platform; checks, failures with their reasons, pass rate; the full-mark count in one
//! sentence), 二、 the office's own narrative (a placeholder), 三、下一步工作要求 (整改 for each
//! failure by a deadline, then standing demands), the list of annexes, 落款 and date; then the
//! annexes with the full lists. What the office has not given is a 【…】 placeholder. One model
//! for the DOCX, Markdown and HTML writers ([`crate::io::document`]).

use chrono::NaiveDate;

use super::document_ctx::{Ctx, Issue, common_prefix, date_words};
use super::{Bulletin, key, param, percent};
use crate::i18n::Lang;
use crate::io::document::{Block, Doc, Masthead, Text};

/// The subject of the title: the round's name, with 检查情况 unless it already says what it is.
fn subject(round: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let done = ["检查", "抽查", "评估", "考核", "测评", "监测", "评议"];
            if done.iter().any(|w| round.ends_with(w)) {
                format!("{round}情况")
            } else {
                format!("{round}检查情况")
            }
        }
        Lang::En => format!("the results of {round}"),
    }
}

/// The bulletin as a document.
pub fn document(b: &Bulletin, issue: &Issue, lang: Lang) -> Doc {
    let issuer = Text::given_or(
        issue.issuer.as_deref(),
        lang.pick("发文机关", "issuing office"),
    );
    let cx = Ctx {
        b,
        issue,
        lang,
        issuer,
        common_region: common_prefix(b.regions.values().map(String::as_str)),
    };
    let title = match lang {
        Lang::Zh => cx
            .issuer
            .clone()
            .push(format!("关于{}的通报", subject(&b.round, lang))),
        Lang::En => Text::plain(format!("Bulletin on {}", subject(&b.round, lang))),
    };
    let title = match &b.draft {
        Some(_) => title.push(cx.t("（征求意见稿）", " (draft for comment)")),
        None => title,
    };
    let masthead = issue.number.as_ref().map(|n| Masthead {
        issuer: cx.issuer.clone().push(lang.pick("文件", "")),
        number: Text::plain(n),
    });
    let mut blocks = vec![Block::Addressee(addressee(&cx)), Block::Para(basis(&cx))];
    blocks.extend(super::document_changes::draft_note(&cx).map(Block::Para));
    blocks.push(Block::Heading(Text::plain(
        cx.t("一、总体情况", "1. Overview"),
    )));
    blocks.extend(overview(&cx).into_iter().map(Block::Para));
    blocks.push(Block::Heading(Text::plain(
        cx.t("二、主要做法和成效", "2. What worked"),
    )));
    blocks.push(Block::Para(cx.blank(
        "此处填写各地各部门的主要做法和成效",
        "the office's account of what the units did well",
    )));
    blocks.push(Block::Heading(Text::plain(
        cx.t("三、下一步工作要求", "3. Next steps"),
    )));
    blocks.extend(
        super::document_demands::demands(&cx)
            .into_iter()
            .map(Block::Para),
    );
    let annexes = super::document_annex::annexes(&cx);
    blocks.push(Block::AnnexList(
        annexes.iter().map(|a| a.title.clone()).collect(),
    ));
    blocks.push(Block::Signature {
        issuer: cx.issuer.clone(),
        date: issue
            .date
            .map(|d| Text::plain(date_words(d, lang)))
            .unwrap_or_else(|| cx.blank("成文日期", "date")),
    });
    for (i, a) in annexes.into_iter().enumerate() {
        blocks.push(Block::Annex {
            label: format!("{}{}", cx.t("附件", "Annex "), i + 1),
            title: a.title,
        });
        blocks.extend(a.blocks);
    }
    // The chain heads a chair keeps to pin this database's history (`audit verify --pin`).
    if let Some(c) = &b.chain_head {
        blocks.push(Block::Note(Text::plain(c.line(lang))));
    }
    Doc {
        // The HTML language tag, not a text: no catalogue wording.
        lang: if lang == Lang::En { "en" } else { "zh-CN" },
        masthead,
        title,
        blocks,
    }
}

fn addressee(cx: &Ctx<'_>) -> Text {
    match cx
        .issue
        .to
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(to) => {
            let to = to.trim_end_matches(['：', ':']);
            Text::plain(format!("{to}{}", cx.t("：", ":")))
        }
        None => cx.blank("主送机关", "addressees").push(cx.t("：", ":")),
    }
}

fn basis(cx: &Ctx<'_>) -> Text {
    let basis = Text::given_or(
        cx.issue.basis.as_deref(),
        cx.t("依据文件", "the documents the check rests on"),
    );
    match cx.lang {
        Lang::Zh => Text::plain("根据")
            .push_text(&basis)
            .push("要求，")
            .push_text(&cx.issuer)
            .push(format!("组织开展了{}，现将有关情况通报如下。", cx.b.round)),
        Lang::En => Text::plain("Under ")
            .push_text(&basis)
            .push(", ")
            .push_text(&cx.issuer)
            .push(format!(" carried out {}. The results follow.", cx.b.round)),
    }
}

/// 「微信123个、微博45个」: groups with their account counts.
fn counts(cx: &Ctx<'_>, gs: &[crate::report::GroupStats]) -> String {
    let parts: Vec<String> = gs
        .iter()
        .map(|g| match cx.lang {
            Lang::Zh => format!("{}{}个", key(g), g.accounts),
            Lang::En => format!("{} {}", key(g), g.accounts),
        })
        .collect();
    parts.join(cx.t("、", ", "))
}

/// 一、总体情况: scope, checks and failures, full marks, operations.
fn overview(cx: &Ctx<'_>) -> Vec<Text> {
    let (b, lang) = (cx.b, cx.lang);
    let o = &b.overall;
    let date = NaiveDate::parse_from_str(&b.monitoring_date, "%Y-%m-%d")
        .map_or_else(|_| b.monitoring_date.clone(), |d| date_words(d, lang));
    let scope = match lang {
        Lang::Zh => format!(
            "截至{date}，本次检查纳入政务新媒体共{}个。按行政层级分，{}；按平台类型分，{}。",
            o.accounts,
            counts(cx, &b.by_level),
            counts(cx, &b.by_platform)
        ),
        Lang::En => format!(
            "As of {date}, the check covered {} accounts: by level, {}; by platform, {}.",
            o.accounts,
            counts(cx, &b.by_level),
            counts(cx, &b.by_platform)
        ),
    };
    let open = o.accounts.saturating_sub(o.with_result);
    let mut result = match lang {
        Lang::Zh => format!(
            "本次检查共完成评分{}个，其中合格{}个、不合格{}个，总体合格率为{}（{}/{}）。",
            o.with_result,
            o.passed,
            o.failed,
            percent(o.pass_rate),
            o.passed,
            o.with_result
        ),
        Lang::En => format!(
            "{} accounts were scored: {} passed and {} failed, a pass rate of {} ({}/{}).",
            o.with_result,
            o.passed,
            o.failed,
            percent(o.pass_rate),
            o.passed,
            o.with_result
        ),
    };
    if open > 0 {
        result.push_str(&match lang {
            Lang::Zh => format!("另有{open}个账号尚无最终结果（未评分{}个，其中评分进行中{}个、未开始{}个；评分不足{}个；待复核{}个），不计入合格率。", o.unscored, o.in_progress, o.not_started, o.below_quorum, o.pending_review),
            Lang::En => format!(" {open} accounts have no final result yet ({} unscored: {} in progress, {} not started; {} below quorum; {} pending review) and do not count in the pass rate.", o.unscored, o.in_progress, o.not_started, o.below_quorum, o.pending_review),
        });
    }
    result.push_str(&match lang {
        Lang::Zh => format!(
            "{}。",
            crate::i18n::figure_msg::rounding_note(lang, b.decimals)
        ),
        Lang::En => format!(
            " {}.",
            crate::i18n::figure_msg::rounding_note(lang, b.decimals)
        ),
    });
    result.push_str(&failures_sentence(cx));
    let mut out = vec![
        Text::plain(scope),
        Text::plain(result),
        Text::plain(full_marks_sentence(cx)),
    ];
    if let Some(ops) = &b.operations {
        let day = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_or_else(|_| s.to_string(), |d| date_words(d, lang))
        };
        let (from, to) = (day(&ops.from), day(&ops.to));
        out.push(Text::plain(match lang {
            Lang::Zh => format!(
                "运营监测方面，{}至{}（{}周）监测的{}个账号中，{}个有运营预警（长期未更新、连续低于组均值、无互动等），名单见附件。",
                from, to, ops.weeks, ops.accounts, ops.flagged_total
            ),
            Lang::En => format!(
                "Operations monitoring from {} to {} ({} weeks): {} of {} accounts carry a flag (silent, below the group mean, no interaction…); the list is annexed.",
                from, to, ops.weeks, ops.flagged_total, ops.accounts
            ),
        }));
    }
    out
}

/// The failed accounts, each with its reason, in one sentence.
fn failures_sentence(cx: &Ctx<'_>) -> String {
    let b = cx.b;
    if b.failures.is_empty() {
        // 「未发现不合格」 only when every account in scope has a final result.
        return match (cx.lang, b.overall.all_final()) {
            (Lang::Zh, true) => "本次检查未发现不合格政务新媒体。".into(),
            (Lang::Zh, false) => "已有结果的账号中暂未发现不合格，全部评完后再确定不合格名单。".into(),
            (Lang::En, true) => " No account failed.".into(),
            (Lang::En, false) => " None of the accounts with a result failed so far; the list of failures waits for the rest.".into(),
        };
    }
    let each: Vec<String> = b
        .failures
        .iter()
        .map(|f| format!("{}{}{}", cx.who(f), cx.t("，", ": "), cx.reason(f)))
        .collect();
    match cx.lang {
        Lang::Zh => format!("不合格的政务新媒体为：{}。", each.join("；")),
        Lang::En => format!(" The failed accounts: {}.", each.join("; ")),
    }
}

/// 「有N个政务新媒体本次检查得分为满分（100分），名单见附件。」
fn full_marks_sentence(cx: &Ctx<'_>) -> String {
    let n = cx.b.full_marks.len();
    let full = param(cx.b.full);
    match (cx.lang, n) {
        (Lang::Zh, 0) => format!("本次检查没有得分为满分（{full}分）的政务新媒体。"),
        (Lang::Zh, _) => format!("有{n}个政务新媒体本次检查得分为满分（{full}分），名单见附件。"),
        (Lang::En, 0) => format!("No account scored full marks ({full})."),
        (Lang::En, _) => format!("{n} accounts scored full marks ({full}); the list is annexed."),
    }
}
