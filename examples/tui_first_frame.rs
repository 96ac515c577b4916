//! Times the TUI's first frame on a real database, as `assay tui` builds it: open the store,
//! load the round's accounts and one evaluator's judgements, score every account, draw 120×40.
//! Used by scripts/bench-scale.sh: `tui_first_frame DB ROUND EVALUATOR`.

use std::time::Instant;

use assay::i18n::Lang;
use assay::runtime::{TuiOptions, load};
use assay::storage::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, round, evaluator] = args.as_slice() else {
        anyhow::bail!("usage: tui_first_frame DB ROUND_ID EVALUATOR");
    };
    let t0 = Instant::now();
    let store = Store::open(std::path::Path::new(db))?;
    let opts = TuiOptions {
        lang: Lang::Zh,
        evaluator: Some(evaluator.clone()),
        round: Some(round.parse()?),
        db_label: db.clone(),
    };
    let app = load(&store, &opts, round.parse()?, evaluator)?;
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| assay::ui::render(f, &app))?;
    println!(
        "first frame: {:.3} s for {} accounts",
        t0.elapsed().as_secs_f64(),
        app.rows.len()
    );
    Ok(())
}
