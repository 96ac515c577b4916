//! The README's key table is generated from the key map, the same list that feeds the help
//! screen and the status bar. Run with `UPDATE_README=1` to rewrite it after changing keys.

use assay::app::keymap;
use assay::i18n::Lang;

const START: &str =
    "<!-- keys:start (generated from src/app/keymap.rs by tests/readme_keys.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn readme_key_table_matches_the_key_map() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md");
    let (a, b) = (readme.find(START), readme.find(END));
    let (Some(a), Some(b)) = (a, b) else {
        panic!("README.md lacks the key table markers");
    };
    let table = keymap::markdown(Lang::En);
    let current = &readme[a + START.len()..b];
    if std::env::var_os("UPDATE_README").is_some() {
        let new = format!("{}{START}{table}{}", &readme[..a], &readme[b..]);
        std::fs::write(&path, new).expect("write README.md");
        return;
    }
    assert_eq!(
        current, table,
        "README key table is stale: run UPDATE_README=1 cargo test --test readme_keys"
    );
}
