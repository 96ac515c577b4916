//! The README lists every import header the importer accepts, and nothing it does not.

use assay::io::accounts::Field;

#[test]
fn readme_lists_every_accepted_header() {
    let readme = include_str!("../README.md");
    let start = readme
        .find("<!-- headers:start -->")
        .expect("headers:start marker");
    let end = readme
        .find("<!-- headers:end -->")
        .expect("headers:end marker");
    let table = &readme[start..end];
    let listed: Vec<&str> = table
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.contains("accepted headers"))
        .flat_map(|l| l.split('|').nth(2).unwrap_or("").split(','))
        .map(str::trim)
        .collect();
    let mut accepted: Vec<&str> = Field::ALL
        .iter()
        .flat_map(|f| f.aliases().iter().copied())
        .collect();
    let mut listed_sorted = listed.clone();
    accepted.sort_unstable();
    listed_sorted.sort_unstable();
    assert_eq!(
        listed_sorted, accepted,
        "README header table and importer disagree"
    );
}
