//! The key map: one list of key → action per context, with descriptions. The same list resolves
//! key presses, feeds the help screen and the status bar, and renders the README key table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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
    /// A list popup: round picker, veto reasons, filter.
    Picker,
    Filter,
    Confirm,
    Help,
}

impl Ctx {
    pub const ALL: [Ctx; 11] = [
        Ctx::Accounts,
        Ctx::Search,
        Ctx::Scoring,
        Ctx::Input,
        Ctx::Summary,
        Ctx::Reconcile,
        Ctx::Ops,
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

/// One binding: the keys, the action, where it applies, what it does, and whether the status bar
/// shows it.
#[derive(Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub ctxs: &'static [Ctx],
    pub zh: &'static str,
    pub en: &'static str,
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
    pub fn text(&self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

use Ctx::*;
const LISTS: &[Ctx] = &[Accounts, Scoring, Summary, Ops, Picker, Filter, Help];
const MOVE: &[Ctx] = &[
    Accounts, Scoring, Summary, Reconcile, Ops, Picker, Filter, Help,
];

macro_rules! b {
    ($keys:expr, $action:expr, $ctxs:expr, $zh:expr, $en:expr, $bar:expr) => {
        Binding {
            keys: const { $keys },
            action: $action,
            ctxs: $ctxs,
            zh: $zh,
            en: $en,
            bar: $bar,
        }
    };
}

/// Every binding, in help order (one line each: keys, action, contexts, zh, en, in status bar).
#[rustfmt::skip]
pub fn bindings() -> Vec<Binding> {
    use KeyCode as C;
    vec![
        b!(&[k('?'), kc(C::F(1))], Action::Help, &[Accounts, Scoring, Summary, Reconcile, Ops], "帮助", "help", true),
        b!(&[k('q')], Action::Quit, &[Accounts, Summary], "退出", "quit", true),
        b!(&[ctrl('c')], Action::Quit, &Ctx::ALL, "立即退出", "quit now", false),
        b!(&[kc(C::Esc), k('q')], Action::Back, &[Scoring, Reconcile, Picker, Filter, Help], "返回", "back", true),
        b!(&[kc(C::Esc)], Action::Back, &[Search, Input, Confirm], "取消", "cancel", true),
        b!(&[kc(C::Up), k('k')], Action::Up, MOVE, "上移", "up", false),
        b!(&[kc(C::Down), k('j')], Action::Down, MOVE, "下移", "down", false),
        b!(&[kc(C::PageUp)], Action::PageUp, LISTS, "上一页", "page up", false),
        b!(&[kc(C::PageDown)], Action::PageDown, LISTS, "下一页", "page down", false),
        b!(&[kc(C::Home), k('g')], Action::Top, MOVE, "到顶", "first", false),
        b!(&[kc(C::End), k('G')], Action::Bottom, MOVE, "到底", "last", false),
        b!(&[kc(C::Enter)], Action::Enter, &[Accounts], "打开评分", "score it", true),
        b!(&[kc(C::Enter)], Action::Enter, &[Summary], "下钻", "drill down", true),
        b!(&[kc(C::Esc), kc(C::Backspace)], Action::Back, &[Summary], "上一层", "up a level", true),
        b!(&[kc(C::Enter)], Action::Enter, &[Search, Input, Picker, Confirm], "确定", "accept", true),
        b!(&[kc(C::Enter)], Action::Enter, &[Filter], "完成", "done", true),
        b!(&[k('}')], Action::NextOpenAccount, &[Accounts, Scoring], "下一个待评账号", "next account with work left", false),
        b!(&[k('/')], Action::StartSearch, &[Accounts], "搜索名称/单位", "search names/units", true),
        b!(&[kc(C::Backspace)], Action::Backspace, &[Search, Input], "删除一字", "delete a character", false),
        b!(&[k('f')], Action::OpenFilter, &[Accounts], "筛选", "filter", true),
        b!(&[kc(C::Left), k('h')], Action::FilterPrev, &[Filter], "上一个值", "previous value", true),
        b!(&[kc(C::Right), k('l')], Action::FilterNext, &[Filter], "下一个值", "next value", true),
        b!(&[k('F')], Action::ClearFilters, &[Accounts, Filter], "清除筛选和搜索", "clear filters and search", false),
        b!(&[k('s')], Action::SortNext, &[Accounts], "换排序列", "sort by next column", true),
        b!(&[k('r')], Action::SortReverse, &[Accounts], "倒序", "reverse order", false),
        b!(&[k('t'), kc(C::Tab)], Action::ShowSummary, &[Accounts, Summary], "汇总/列表", "summary/list", true),
        b!(&[k('c')], Action::Reconcile, &[Accounts, Summary], "协调分歧（组长）", "reconcile disagreements (chair)", false),
        b!(&[kc(C::Enter)], Action::Enter, &[Reconcile], "录入协调结果", "record the consensus", true),
        b!(&[k('o')], Action::ShowOps, &[Accounts, Ops], "运营监测/列表", "operations/list", true),
        b!(&[kc(C::Esc), k('q')], Action::Back, &[Ops], "返回列表", "back to the list", false),
        b!(&[k('a')], Action::OpsAll, &[Ops], "仅预警/全部账号", "flagged/all accounts", true),
        b!(&[k('R')], Action::PickRound, &[Accounts, Summary], "切换轮次", "switch round", false),
        b!(&[k('0'), k('9'), k('.')], Action::Type('0'), &[Scoring], "输入分值或次数", "type a value or count", true),
        b!(&[k('l')], Action::NextLevel, &[Scoring], "选档次", "pick a level", true),
        b!(&[k('y')], Action::Yes, &[Scoring, Confirm], "是(1)", "yes (1)", true),
        b!(&[k('n')], Action::No, &[Scoring, Confirm], "否/无(0)", "no/none (0)", true),
        b!(&[k('+'), k('=')], Action::Plus, &[Scoring], "次数加一", "count + 1", true),
        b!(&[k('-')], Action::Minus, &[Scoring], "次数减一", "count − 1", true),
        b!(&[k('v')], Action::Veto, &[Scoring], "否决并选原因", "veto with a reason", true),
        b!(&[k('x')], Action::ToggleNa, &[Scoring], "不适用", "not applicable", false),
        b!(&[kc(C::Delete), kc(C::Backspace)], Action::ClearItem, &[Scoring], "清除本项", "clear this item", false),
        b!(&[k('C')], Action::ClearAccount, &[Scoring], "清除本账号全部评分", "clear the account's scores", false),
        b!(&[k('m')], Action::EditNote, &[Scoring], "备注", "note", true),
        b!(&[k('O')], Action::OverrideAuto, &[Scoring], "覆盖自动值(写理由)", "override an automatic value (with a reason)", false),
        b!(&[k('e')], Action::EditEvidence, &[Scoring], "证据链接", "evidence links", false),
        b!(&[k('u')], Action::Undo, &[Scoring], "撤销", "undo", true),
        b!(&[ctrl('r'), k('U')], Action::Redo, &[Scoring], "重做", "redo", false),
        b!(&[kc(C::Tab), kc(C::Enter)], Action::NextUnscored, &[Scoring], "下一未评项", "next unscored item", true),
        b!(&[k('S')], Action::Submit, &[Scoring], "提交/撤回提交", "submit / reopen", true),
        b!(&[k(']')], Action::NextAccount, &[Scoring], "下一个账号", "next account", false),
        b!(&[k('[')], Action::PrevAccount, &[Scoring], "上一个账号", "previous account", false),
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

/// The bindings the status bar shows in a context: "key label" pairs.
pub fn bar(ctx: Ctx, lang: Lang) -> Vec<(String, &'static str)> {
    bindings()
        .into_iter()
        .filter(|b| b.bar && b.ctxs.contains(&ctx))
        .map(|b| (b.keys_label(), b.text(lang)))
        .collect()
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
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn same_key_means_different_things_by_context() {
        let q = key(KeyCode::Char('q'));
        assert_eq!(resolve(Ctx::Accounts, q), Some(Action::Quit));
        assert_eq!(resolve(Ctx::Scoring, q), Some(Action::Back));
        assert_eq!(resolve(Ctx::Search, q), Some(Action::Type('q')));
        assert_eq!(
            resolve(Ctx::Scoring, key(KeyCode::Char('7'))),
            Some(Action::Type('7'))
        );
        assert_eq!(resolve(Ctx::Accounts, key(KeyCode::Char('7'))), None);
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for ctx in Ctx::ALL {
            let mut seen = Vec::new();
            for b in bindings().iter().filter(|b| b.ctxs.contains(&ctx)) {
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
    }

    #[test]
    fn markdown_lists_every_binding() {
        let md = markdown(Lang::En);
        for b in bindings() {
            assert!(md.contains(b.en), "{} missing", b.en);
        }
        assert!(markdown(Lang::Zh).contains("撤销"));
    }
}
