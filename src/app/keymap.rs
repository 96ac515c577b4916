//! The key map: one list of key → action per context, with descriptions. The same list resolves
//! key presses, feeds the help screen and the status bar, and renders the README key table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

use super::action::Action;
use crate::i18n::Lang;

/// Where the keyboard focus is; decides which bindings apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    Accounts,
    Search,
    Scoring,
    /// Typing a value, a note, evidence links or a name.
    Input,
    Summary,
    /// The chair's reconciliation screen.
    Reconcile,
    /// The operations screen.
    Ops,
    /// The rectification screen.
    Rectify,
    /// A list popup: round picker, veto reasons, filter.
    Picker,
    Filter,
    Confirm,
    Help,
}

impl Ctx {
    pub const ALL: [Ctx; 12] = [
        Ctx::Accounts,
        Ctx::Search,
        Ctx::Scoring,
        Ctx::Input,
        Ctx::Summary,
        Ctx::Reconcile,
        Ctx::Ops,
        Ctx::Rectify,
        Ctx::Picker,
        Ctx::Filter,
        Ctx::Confirm,
        Ctx::Help,
    ];

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Ctx::Accounts => lang.pick("账号列表", "Account list"),
            Ctx::Search => lang.pick("搜索", "Search"),
            Ctx::Scoring => lang.pick("评分", "Scoring"),
            Ctx::Input => lang.pick("输入框", "Text input"),
            Ctx::Summary => lang.pick("汇总", "Summary"),
            Ctx::Reconcile => lang.pick("分歧协调", "Reconciliation"),
            Ctx::Ops => lang.pick("运营监测", "Operations"),
            Ctx::Rectify => lang.pick("问题整改", "Rectification"),
            Ctx::Picker => lang.pick("选择列表", "Choice list"),
            Ctx::Filter => lang.pick("筛选", "Filter"),
            Ctx::Confirm => lang.pick("确认框", "Confirmation"),
            Ctx::Help => lang.pick("帮助", "Help"),
        }
    }

    /// Contexts where printable characters are text, not commands.
    fn takes_text(self) -> bool {
        matches!(self, Ctx::Search | Ctx::Input)
    }
}

/// A key as bound: a code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn kc(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// One binding: the keys, the action, where it applies, what it does (in full for the help
/// screen and the README, short for the status bar), and whether the status bar shows it.
#[derive(Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub ctxs: &'static [Ctx],
    pub zh: &'static str,
    pub en: &'static str,
    /// The words the status bar uses when the full ones do not fit on one line.
    pub short_zh: &'static str,
    pub short_en: &'static str,
    /// False only for moving the selection and Ctrl-C, the same on every screen (the help
    /// lists them); every other key of a screen is on its status bar.
    pub bar: bool,
}

impl Binding {
    pub fn keys_label(&self) -> String {
        if self.keys.contains(&k('0')) && self.keys.contains(&k('9')) {
            return "0-9".into();
        }
        self.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The shortest of the binding's keys (the status bar's short form).
    pub fn short_key(&self) -> String {
        if self.keys.contains(&k('0')) && self.keys.contains(&k('9')) {
            return "0-9".into();
        }
        (self.keys.iter().map(|k| k.label()))
            .min_by_key(|l| l.width())
            .unwrap_or_default()
    }

    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }

    pub fn short(&self, lang: Lang) -> &'static str {
        lang.pick(self.short_zh, self.short_en)
    }
}

use Ctx::*;
const LISTS: &[Ctx] = &[
    Accounts, Scoring, Summary, Reconcile, Ops, Rectify, Picker, Filter, Help,
];
const MOVE: &[Ctx] = &[
    Accounts, Scoring, Summary, Reconcile, Ops, Rectify, Picker, Filter, Help,
];
const TEXT: &[Ctx] = &[Search, Input];

macro_rules! b {
    ($keys:expr, $action:expr, $ctxs:expr, $zh:expr, $en:expr, $szh:expr, $sen:expr) => {
        b!($keys, $action, $ctxs, $zh, $en, $szh, $sen, true)
    };
    ($keys:expr, $action:expr, $ctxs:expr, $zh:expr, $en:expr, $szh:expr, $sen:expr, $bar:expr) => {
        Binding {
            keys: const { $keys },
            action: $action,
            ctxs: $ctxs,
            zh: $zh,
            en: $en,
            short_zh: $szh,
            short_en: $sen,
            bar: $bar,
        }
    };
}

/// Every binding, in help order (one line each: keys, action, contexts, zh, en, and the short
/// zh and en of the status bar; `false` at the end keeps a moving key off the bar).
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    use KeyCode as C;
    vec![
        b!(&[k('?'), kc(C::F(1))], Action::Help, &[Accounts, Scoring, Summary, Reconcile, Ops, Rectify], "帮助", "help", "帮助", "help"),
        b!(&[k('q')], Action::Quit, &[Accounts, Summary], "退出", "quit", "退出", "quit"),
        b!(&[ctrl('c')], Action::Quit, &Ctx::ALL, "立即退出", "quit now", "退出", "quit", false),
        b!(&[kc(C::Esc), k('q')], Action::Back, &[Scoring, Reconcile, Picker, Filter, Help], "返回", "back", "返回", "back"),
        b!(&[kc(C::Esc)], Action::Back, &[Search, Input, Confirm], "取消", "cancel", "取消", "cancel"),
        b!(&[kc(C::Up), k('k')], Action::Up, MOVE, "上移", "up", "上移", "up", false),
        b!(&[kc(C::Down), k('j')], Action::Down, MOVE, "下移", "down", "下移", "down", false),
        b!(&[kc(C::PageUp)], Action::PageUp, LISTS, "上一页", "page up", "上页", "pg up", false),
        b!(&[kc(C::PageDown)], Action::PageDown, LISTS, "下一页", "page down", "下页", "pg down", false),
        b!(&[kc(C::Home), k('g')], Action::Top, MOVE, "到顶", "first", "到顶", "first", false),
        b!(&[kc(C::End), k('G')], Action::Bottom, MOVE, "到底", "last", "到底", "last", false),
        b!(&[kc(C::Enter)], Action::Enter, &[Accounts], "打开评分", "score it", "评分", "score"),
        b!(&[kc(C::Enter)], Action::Enter, &[Summary], "下钻", "drill down", "下钻", "drill"),
        b!(&[kc(C::Esc), kc(C::Backspace)], Action::Back, &[Summary], "上一层", "up a level", "上层", "up"),
        b!(&[kc(C::Enter)], Action::Enter, &[Search, Input, Picker, Confirm], "确定", "accept", "确定", "ok"),
        b!(&[kc(C::Enter)], Action::Enter, &[Filter], "完成", "done", "完成", "done"),
        b!(&[k('}')], Action::NextOpenAccount, &[Accounts, Scoring], "下一个待评账号", "next account with work left", "待评", "todo"),
        b!(&[k('/')], Action::StartSearch, &[Accounts], "搜索名称/单位", "search names/units", "搜索", "search"),
        b!(&[kc(C::Left)], Action::CursorLeft, TEXT, "光标左移", "cursor left", "左移", "left"),
        b!(&[kc(C::Right)], Action::CursorRight, TEXT, "光标右移", "cursor right", "右移", "right"),
        b!(&[kc(C::Home)], Action::CursorStart, TEXT, "光标到行首", "cursor to the start", "行首", "start"),
        b!(&[kc(C::End)], Action::CursorEnd, TEXT, "光标到行尾", "cursor to the end", "行尾", "end"),
        b!(&[kc(C::Backspace)], Action::Backspace, TEXT, "删除光标前一字", "delete the character before the cursor", "删前", "del ←"),
        b!(&[kc(C::Delete)], Action::DeleteForward, TEXT, "删除光标后一字", "delete the character after the cursor", "删后", "del →"),
        b!(&[k('f')], Action::OpenFilter, &[Accounts], "筛选", "filter", "筛选", "filter"),
        b!(&[kc(C::Left), k('h')], Action::FilterPrev, &[Filter], "上一个值", "previous value", "上值", "prev"),
        b!(&[kc(C::Right), k('l')], Action::FilterNext, &[Filter], "下一个值", "next value", "下值", "next"),
        b!(&[k('F')], Action::ClearFilters, &[Accounts, Filter], "清除筛选和搜索", "clear filters and search", "清筛", "clear"),
        b!(&[k('s')], Action::SortNext, &[Accounts], "换排序列", "sort by next column", "排序", "sort"),
        b!(&[k('r')], Action::SortReverse, &[Accounts], "倒序", "reverse order", "倒序", "reverse"),
        b!(&[k('t'), kc(C::Tab)], Action::ShowSummary, &[Accounts, Summary], "汇总/列表", "summary/list", "汇总", "summary"),
        b!(&[k('c')], Action::Reconcile, &[Accounts, Summary], "协调分歧（组长）", "reconcile disagreements (chair)", "协调", "reconcile"),
        b!(&[kc(C::Enter)], Action::Enter, &[Reconcile], "录入协调结果", "record the consensus", "录入", "record"),
        b!(&[kc(C::Tab)], Action::ShowAgreed, &[Reconcile], "待协调/已协调的结果", "open queue/agreed values", "已协调", "agreed"),
        b!(&[k('o')], Action::ShowOps, &[Accounts, Ops], "运营监测/列表", "operations/list", "运营", "ops"),
        b!(&[kc(C::Esc), k('q')], Action::Back, &[Ops], "返回列表", "back to the list", "返回", "back"),
        b!(&[k('a')], Action::OpsAll, &[Ops], "仅预警/全部账号", "flagged/all accounts", "全部", "all"),
        b!(&[k('z')], Action::ShowRectify, &[Accounts, Rectify], "问题整改/列表", "rectification/list", "整改", "rectify"),
        b!(&[kc(C::Esc), k('q')], Action::Back, &[Rectify], "返回列表", "back to the list", "返回", "back"),
        b!(&[k('f')], Action::RectifyFilter, &[Rectify], "按状态筛选（全部/未销号/逾期/…）", "filter by status (all/unresolved/overdue/…)", "筛选", "filter"),
        b!(&[k('m')], Action::RectifyRecord, &[Rectify], "录入单位的整改说明", "record the unit's rectification report", "整改说明", "report"),
        b!(&[k('c')], Action::RectifyRecheck, &[Rectify], "录入复查结果（已整改/部分整改/未整改）", "record a re-check (rectified/partly/not)", "复查", "re-check"),
        b!(&[k('R')], Action::PickRound, &[Accounts, Summary], "切换轮次", "switch round", "轮次", "round"),
        b!(&[k('0'), k('9'), k('.')], Action::Type('0'), &[Scoring], "输入分值或次数", "type a value or count", "分值", "val"),
        b!(&[k('l')], Action::NextLevel, &[Scoring], "选档次", "pick a level", "档次", "lvl"),
        b!(&[k('y')], Action::Yes, &[Scoring], "是(1)", "yes (1)", "是", "yes"),
        b!(&[k('n')], Action::No, &[Scoring], "否/无(0)", "no/none (0)", "否", "no"),
        b!(&[k('y')], Action::Yes, &[Confirm], "是，照办", "yes, do it", "是", "yes"),
        b!(&[k('n')], Action::No, &[Confirm], "否，不改动", "no, change nothing", "否", "no"),
        b!(&[k('+'), k('=')], Action::Plus, &[Scoring], "次数加一", "count + 1", "加", "more"),
        b!(&[k('-')], Action::Minus, &[Scoring], "次数减一", "count − 1", "减", "less"),
        b!(&[k('v')], Action::Veto, &[Scoring], "否决并选原因", "veto with a reason", "否决", "veto"),
        b!(&[k('x')], Action::ToggleNa, &[Scoring], "不适用", "not applicable", "不适用", "n/a"),
        b!(&[kc(C::Delete), kc(C::Backspace)], Action::ClearItem, &[Scoring], "清除本项", "clear this item", "清除", "del"),
        b!(&[k('C')], Action::ClearAccount, &[Scoring], "清空本账号全部评分（先确认，u 可恢复）", "clear the account's scores (asks first; u restores)", "清空", "wipe"),
        b!(&[k('m')], Action::EditNote, &[Scoring], "备注", "note", "备注", "note"),
        b!(&[k('O')], Action::OverrideAuto, &[Scoring], "覆盖自动值(写理由)", "override an automatic value (with a reason)", "覆盖", "ovr"),
        b!(&[k('e')], Action::EditEvidence, &[Scoring], "证据链接", "evidence links", "证据", "link"),
        b!(&[k('u')], Action::Undo, &[Scoring], "撤销上一项修改", "undo the last change", "撤销", "undo"),
        b!(&[ctrl('r'), k('U')], Action::Redo, &[Scoring], "重做", "redo", "重做", "redo"),
        b!(&[kc(C::Tab), kc(C::Enter)], Action::NextUnscored, &[Scoring], "下一未评项", "next unscored item", "下项", "next"),
        b!(&[k('S')], Action::Submit, &[Scoring], "提交/撤回提交（先确认）", "submit / reopen (asks first)", "提交", "submit"),
        b!(&[k(']')], Action::NextAccount, &[Scoring], "下一个账号", "next account", "下个", "acct→"),
        b!(&[k('[')], Action::PrevAccount, &[Scoring], "上一个账号", "previous account", "上个", "←acct"),
    ]
}

/// Resolves a key press in a context to an action.
pub fn resolve(ctx: Ctx, key: KeyEvent) -> Option<Action> {
    let is_ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if let KeyCode::Char(c) = key.code {
        if is_ctrl && c == 'c' {
            return Some(Action::Quit);
        }
        if !is_ctrl && ctx.takes_text() {
            return Some(Action::Type(c));
        }
        if !is_ctrl && ctx == Ctx::Scoring && (c.is_ascii_digit() || c == '.') {
            return Some(Action::Type(c));
        }
    }
    let pressed = Key {
        code: key.code,
        ctrl: is_ctrl,
    };
    bindings()
        .into_iter()
        .find(|b| b.ctxs.contains(&ctx) && b.keys.contains(&pressed))
        .map(|b| b.action)
}

/// The help screen's sections: each context with its bindings (the help popup itself left out).
pub fn help_sections() -> Vec<(Ctx, Vec<Binding>)> {
    let all = bindings();
    Ctx::ALL
        .into_iter()
        .filter(|c| *c != Ctx::Help)
        .map(|ctx| {
            let here: Vec<Binding> = all
                .iter()
                .filter(|b| b.ctxs.contains(&ctx))
                .cloned()
                .collect();
            (ctx, here)
        })
        .filter(|(_, here)| !here.is_empty())
        .collect()
}

/// How many lines the help screen has: a title per section, a line per binding.
pub fn help_len() -> usize {
    help_sections().iter().map(|(_, b)| 1 + b.len()).sum()
}

/// One entry of the status bar: a key and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BarEntry {
    pub keys: String,
    pub what: &'static str,
    /// The short form: one column between entries, and Chinese words right after their key
    /// (`m备注`; English keeps its space: `m note`).
    pub short: bool,
}

impl BarEntry {
    /// The text after the key: the words, after a space unless short and Chinese.
    pub fn label(&self) -> String {
        let cjk = self.what.chars().next().is_some_and(|c| !c.is_ascii());
        match self.short && cjk {
            true => self.what.to_string(),
            false => format!(" {}", self.what),
        }
    }

    /// Display columns of the entry as drawn: the key, then its label.
    pub fn width(&self) -> usize {
        self.keys.width() + self.label().width()
    }

    /// Columns before the entry when another precedes it on its line.
    pub fn gap(&self) -> usize {
        if self.short { 1 } else { BAR_GAP }
    }
}

/// Columns between two entries of the status bar in full words.
pub const BAR_GAP: usize = 2;

/// The status bar of a context `width` columns wide, as lines of entries: every key of the
/// screen (all bindings but moving and Ctrl-C). The full words when they fit on one line;
/// otherwise the shortest key and the short words, packed into as few lines as that takes
/// (two on the scoring screen at 80 columns).
pub fn bar(ctx: Ctx, lang: Lang, width: usize) -> Vec<Vec<BarEntry>> {
    let here: Vec<Binding> = (bindings().into_iter())
        .filter(|b| b.bar && b.ctxs.contains(&ctx))
        .collect();
    let long: Vec<BarEntry> = (here.iter())
        .map(|b| BarEntry {
            keys: b.keys_label(),
            what: b.text(lang),
            short: false,
        })
        .collect();
    if fits(&long, width) {
        return vec![long];
    }
    let short = (here.iter()).map(|b| BarEntry {
        keys: b.short_key(),
        what: b.short(lang),
        short: true,
    });
    let mut lines: Vec<Vec<BarEntry>> = vec![Vec::new()];
    for e in short {
        let line = lines.last_mut().expect("one line at least");
        let mut next = line.clone();
        next.push(e.clone());
        if line.is_empty() || fits(&next, width) {
            *line = next;
        } else {
            lines.push(vec![e]);
        }
    }
    lines
}

/// Whether entries fit in `width` columns with their gaps.
pub fn fits(entries: &[BarEntry], width: usize) -> bool {
    let w: usize = entries.iter().map(BarEntry::width).sum();
    let gaps: usize = entries.iter().skip(1).map(BarEntry::gap).sum();
    w + gaps <= width
}

/// The README key table, in Markdown.
pub fn markdown(lang: Lang) -> String {
    let mut out = String::new();
    let (h1, h2, h3) = (
        lang.pick("按键", "Keys"),
        lang.pick("作用", "Action"),
        lang.pick("适用于", "Where"),
    );
    out.push_str(&format!("| {h1} | {h2} | {h3} |\n|---|---|---|\n"));
    for b in bindings() {
        let keys = b
            .keys
            .iter()
            .map(|k| format!("`{}`", k.label().replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(" ");
        let ctxs = b
            .ctxs
            .iter()
            .map(|c| c.title(lang))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!("| {keys} | {} | {ctxs} |\n", b.text(lang)));
    }
    out
}

#[cfg(test)]
#[path = "keymap_tests.rs"]
mod tests;
