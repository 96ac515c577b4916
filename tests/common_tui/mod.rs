//! Fixtures shared by the TUI tests: a small rubric with every item kind, a handful of accounts
//! with Chinese names, and an app built over an in-memory backend.
#![allow(dead_code)]

use assay::app::{Action, App, MemBackend, Session};
use assay::domain::account::Account;
use assay::domain::engine;
use assay::domain::platform::{Level, Platform};
use assay::i18n::Lang;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub const RUBRIC: &str = r#"
Rubric(
    id: "t", name: "测试细则", version: "1", total: 20, pass_mark: 12,
    grades: [("优秀", 18), ("合格", 12), ("不合格", 0)],
    categories: [
        Category(id: "fit", name: "职能契合", weight: 10, indicators: [
            Range(id: "pos", name: "账号定位与主办单位职能一致", max: 5, step: 0.5,
                  levels: [("优", 5), ("良", 4), ("中", 3), ("差", 1)],
                  guide: "对照主办单位职责，抽查近三个月推文主题", evidence: ["近三个月推文截图"]),
            Deduct(id: "off", name: "发布与本单位职能无关信息", per: 1, cap: 3),
            Check(id: "ipv6", name: "移动客户端支持IPv6", points: 2, platforms: [App]),
        ]),
        Category(id: "reach", name: "传播效果", weight: 10, indicators: [
            Range(id: "read", name: "阅读量", max: 10),
            Check(id: "menu", name: "菜单可用", points: 4),
        ]),
    ],
    bonus: [Bonus(id: "orig", name: "原创精品被上级转载", per: 1, cap: 3)],
    vetoes: [Veto(id: "stale", name: "内容不更新", reasons: ["监测时间点前2周内无更新", "栏目长期空白"])],
)"#;

fn account(
    id: i64,
    p: Platform,
    name: &str,
    unit: &str,
    lvl: Level,
    region: &str,
    dom: &str,
) -> Account {
    Account {
        id,
        platform: p,
        platform_label: p.label_zh().into(),
        name: name.into(),
        unit: unit.into(),
        level: lvl,
        region: region.into(),
        domain: dom.into(),
        status: "正常".into(),
        opened: None,
    }
}

pub fn accounts() -> Vec<Account> {
    use Level::*;
    use Platform::*;
    let r = "浙江省/丽水市/云和县";
    vec![
        account(1, WeChat, "云和发布", "云和县委宣传部", County, r, "宣传"),
        account(
            2,
            WeChat,
            "云和木玩童话小镇",
            "云和县文化和旅游局",
            County,
            r,
            "文旅",
        ),
        account(
            3,
            Weibo,
            "丽水公安",
            "丽水市公安局",
            City,
            "浙江省/丽水市",
            "公安",
        ),
        account(
            4,
            Douyin,
            "丽水文旅",
            "丽水市文化和广电旅游体育局",
            City,
            "浙江省/丽水市",
            "文旅",
        ),
        account(
            5,
            App,
            "浙里办",
            "浙江省大数据发展管理局",
            Province,
            "浙江省",
            "政务服务",
        ),
        account(6, Toutiao, "云和教育", "云和县教育局", County, r, "教育"),
        account(
            7,
            WeChat,
            "崇头镇发布",
            "云和县崇头镇人民政府",
            Township,
            "浙江省/丽水市/云和县/崇头镇",
            "宣传",
        ),
        account(
            8,
            MiniProgram,
            "云和办事",
            "云和县行政服务中心",
            County,
            r,
            "政务服务",
        ),
    ]
}

pub fn rubric() -> assay::domain::rubric::Rubric {
    assay::domain::rubric::parse(RUBRIC, "test.ron").expect("fixture rubric parses")
}

pub fn app(lang: Lang, backend: &MemBackend) -> App {
    let session = Session {
        round_id: 1,
        round_name: "2024年第四季度检查".into(),
        rubric: rubric(),
        evaluator: "张三".into(),
        db_label: "test.db".into(),
    };
    let mut app = App::new(lang, session, accounts(), backend, engine::score).expect("app");
    app.rounds = vec![1];
    app.color = false;
    app
}

/// Applies actions in order.
pub fn run(app: &mut App, backend: &mut MemBackend, actions: &[Action]) {
    for a in actions {
        app.apply(a.clone(), backend);
    }
}

/// Types text as `Type` actions.
pub fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Type).collect()
}

/// Renders the app at a size and returns the screen as text lines.
pub fn screen(app: &mut App, backend: &mut MemBackend, w: u16, h: u16) -> String {
    app.apply(Action::Resize(w, h), backend);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    term.draw(|f| assay::ui::render(f, app)).expect("draw");
    format!("{}", term.backend())
}

/// Judges every item of [`RUBRIC`] that applies to a WeChat account, `pos` on its first: a
/// complete sheet, not submitted.
pub fn complete_sheet(
    store: &mut assay::storage::Store,
    round: i64,
    account: i64,
    who: &str,
    pos: f64,
) {
    use assay::domain::entry::Entry;
    let value = |id: &str, v: f64| Entry {
        value: Some(v),
        ..Entry::new(id)
    };
    let count = |id: &str| Entry {
        count: Some(0),
        ..Entry::new(id)
    };
    for e in [
        value("pos", pos),
        count("off"),
        value("read", 8.0),
        value("menu", 1.0),
        count("orig"),
        value("stale", 0.0),
    ] {
        store.set_entry(round, account, who, &e).expect("entry");
    }
}
