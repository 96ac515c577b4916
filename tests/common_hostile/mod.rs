//! Builders for hostile inputs (XLSX workbooks by hand, zip bombs) and a logical checksum of an
//! assay database, shared by the hostile-input catalogue and the fuzz tests.
#![allow(dead_code)]

use std::io::Write;
use std::path::Path;

use sha2::{Digest, Sha256};

const NS: &str = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a minimal workbook around one sheet's XML.
fn frame() -> Vec<(&'static str, String)> {
    vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>".to_string()),
        ("_rels/.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
        ("xl/workbook.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook {NS} xmlns:r=\"{REL}\"><sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
        ("xl/_rels/workbook.xml.rels", format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>")),
    ]
}

/// One row of inline-string cells starting in column A.
pub fn row(r: u32, vals: &[&str]) -> String {
    let cells: String = vals
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let col = char::from(b'A' + i as u8);
            format!("<c r=\"{col}{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")
        })
        .collect();
    format!("<row r=\"{r}\">{cells}</row>")
}

/// A registry header and one valid account row.
pub fn good_rows() -> String {
    row(1, &["平台", "账号名称", "主办单位", "层级"])
        + &row(2, &["微信", "稀疏号", "某单位", "县级"])
}

/// The XML of a sheet with a dimension (if any) and the given rows.
pub fn sheet_xml(dimension: Option<&str>, rows: &str) -> String {
    let dim = dimension.map_or(String::new(), |d| format!("<dimension ref=\"{d}\"/>"));
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet {NS}>{dim}<sheetData>{rows}</sheetData></worksheet>"
    )
}

/// Writes a workbook whose sheet is `sheet` (raw XML, possibly malformed); extra parts are
/// added as given (e.g. a shared-strings part).
pub fn write_xlsx(path: &Path, sheet: &str, extra: &[(&str, &[u8])]) {
    let f = std::fs::File::create(path).expect("create xlsx");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in frame() {
        z.start_file(name, opts).expect("part");
        z.write_all(text.as_bytes()).expect("write");
    }
    z.start_file("xl/worksheets/sheet1.xml", opts)
        .expect("sheet");
    z.write_all(sheet.as_bytes()).expect("write");
    for (name, bytes) in extra {
        z.start_file(*name, opts).expect("part");
        z.write_all(bytes).expect("write");
    }
    z.finish().expect("finish");
}

/// A workbook whose sheet inflates to `bytes` of repeated cells: a zip bomb.
pub fn write_bomb(path: &Path, bytes: usize) {
    let f = std::fs::File::create(path).expect("create xlsx");
    let mut z = zip::ZipWriter::new(f);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for (name, text) in frame() {
        z.start_file(name, opts).expect("part");
        z.write_all(text.as_bytes()).expect("write");
    }
    z.start_file("xl/worksheets/sheet1.xml", opts)
        .expect("sheet");
    let head = sheet_xml(Some("A1:D2"), &good_rows());
    let head = head.trim_end_matches("</sheetData></worksheet>");
    z.write_all(head.as_bytes()).expect("write");
    let chunk =
        "<row><c t=\"inlineStr\"><is><t>xxxxxxxxxxxxxxxxxxxxxxxx</t></is></c></row>".repeat(2000);
    let mut written = 0;
    while written < bytes {
        z.write_all(chunk.as_bytes()).expect("write");
        written += chunk.len();
    }
    z.write_all(b"</sheetData></worksheet>").expect("write");
    z.finish().expect("finish");
}

/// A checksum of every row of every table of a database, read through SQLite read-only; the
/// same whatever SQLite does to the file's pages. `None` when the file does not exist.
pub fn db_digest(path: &Path) -> Option<String> {
    if !path.exists() {
        return None;
    }
    use rusqlite::{Connection, OpenFlags};
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .expect("open db read-only");
    let mut h = Sha256::new();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type IN ('table','trigger','index') ORDER BY name")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .expect("tables");
    for t in &tables {
        h.update(t.as_bytes());
        let Ok(mut stmt) = conn.prepare(&format!("SELECT * FROM \"{t}\"")) else {
            continue; // an index or trigger: its name is in the digest
        };
        let n = stmt.column_count();
        let mut rows = stmt.query([]).expect("rows");
        while let Some(r) = rows.next().expect("row") {
            for i in 0..n {
                h.update(format!("{:?}|", r.get_ref(i).expect("cell")).as_bytes());
            }
        }
    }
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .expect("user_version");
    h.update(v.to_le_bytes());
    Some(hex(&h.finalize()))
}

/// The SHA-256 of a file's bytes, for files that are not (or not yet) databases.
pub fn file_digest(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| hex(&Sha256::digest(&b)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
