//! The bulletin's follow-up parts: a draft for comment (征求意见稿) says so under its basis with
//! the last day to appeal; 整改要求 counts the deductions to put right by the deadline (the
//! list itself is the rectification report, `assay rectify report`, issued separately); a later bulletin lists in an annex what changed against the first one issued
//! (account, item, before → after, reason).

use super::document_ctx::{Annex, Ctx, date_words, table};
use crate::i18n::Lang;
use crate::io::document::{Block, Cell, Text};

/// The draft's note: how and until when a unit may appeal.
pub(super) fn draft_note(cx: &Ctx<'_>) -> Option<Text> {
    let d = cx.b.draft.as_ref()?;
    let until = d
        .appeal_until
        .map(|u| Text::plain(date_words(u, cx.lang)))
        .unwrap_or_else(|| Text::blank(cx.t("申诉截止日期", "last day to appeal")));
    Some(match cx.lang {
        Lang::Zh => Text::plain(
            "本通报为征求意见稿。相关单位对所列问题有异议的，请于",
        )
        .push_text(&until)
        .push("前书面提出申诉并附佐证，逾期视为无异议。"),
        Lang::En => Text::plain(
            "This bulletin is a draft for comment. A unit that disputes a finding appeals in writing with its evidence by ",
        )
        .push_text(&until)
        .push("; after that day the findings stand."),
    })
}

/// The deductions to put right by the deadline, in words (none without deductions).
pub(super) fn deductions_demand(cx: &Ctx<'_>, deadline: &Text) -> Option<Text> {
    let d = &cx.b.deductions;
    if d.is_empty() {
        return None;
    }
    let mut accounts: Vec<i64> = d.iter().map(|x| x.account_id).collect();
    accounts.sort_unstable();
    accounts.dedup();
    Some(match cx.lang {
        Lang::Zh => Text::plain(format!(
            "本次检查还发现扣分问题{}项，涉及{}个政务新媒体（问题整改清单另行印发），相关主办单位要逐项整改，于",
            d.len(),
            accounts.len()
        ))
        .push_text(deadline)
        .push("前将整改情况一并报送。"),
        Lang::En => Text::plain(format!(
            "The check also found {} deductions in {} accounts (listed in the rectification list issued separately); the host units put each right and report by ",
            d.len(),
            accounts.len()
        ))
        .push_text(deadline)
        .push("."),
    })
}

/// The annex of changes against the first bulletin issued: after a draft always (「无变化」 when
/// nothing changed), after a final bulletin only when something changed.
pub(super) fn changes(cx: &Ctx<'_>) -> Option<Annex> {
    let c = cx.b.changes.as_ref()?;
    if c.rows.is_empty() && !c.since_draft {
        return None;
    }
    let title = Text::plain(match (cx.lang, c.since_draft) {
        (Lang::Zh, true) => "与征求意见稿相比的变化",
        (Lang::Zh, false) => "与首次印发的通报相比的变化",
        (Lang::En, true) => "Changes against the draft",
        (Lang::En, false) => "Changes against the first bulletin issued",
    });
    if c.rows.is_empty() {
        let none = cx.t(
            "经申诉复核，结果与征求意见稿相同，无变化。",
            "After the appeals, the results are those of the draft: nothing changed.",
        );
        return Some(Annex {
            title,
            blocks: vec![Block::Para(Text::plain(none))],
        });
    }
    let rows = (c.rows.iter().enumerate())
        .map(|(i, r)| {
            let item = if r.item.is_empty() {
                cx.t("总分", "Total").to_string()
            } else {
                r.item.clone()
            };
            vec![
                Cell::int(i + 1),
                Cell::text(&r.account),
                Cell::text(&r.unit),
                Cell::text(item),
                Cell::text(format!("{} → {}", r.before, r.after)),
                Cell::text(&r.reason),
            ]
        })
        .collect();
    let header = [
        cx.t("序号", "No."),
        cx.t("账号名称", "Account"),
        cx.t("主办单位", "Host unit"),
        cx.t("指标", "Item"),
        cx.t("原结果 → 现结果", "Before → after"),
        cx.t("理由", "Reason"),
    ];
    Some(Annex {
        title,
        blocks: vec![Block::Table {
            caption: None,
            table: table(&header, &[7, 16, 18, 16, 22, 24], rows),
        }],
    })
}
