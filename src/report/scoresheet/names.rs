//! Legal, unique worksheet names (Excel: at most 31 characters, none of `[]:*?/\`, not
//! starting or ending with `'`, not "History") and safe file names on every platform.

use std::collections::HashSet;

/// Makes worksheet names legal and unique within one workbook.
#[derive(Debug, Default)]
pub struct SheetNames {
    used: HashSet<String>,
}

const MAX: usize = 31;

impl SheetNames {
    /// Reserves a name (e.g. the summary sheet's).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_lowercase());
    }

    /// A legal name close to `want`, unique in this workbook (Excel compares case-insensitively).
    pub fn legal(&mut self, want: &str) -> String {
        let clean: String = want
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim_matches('\'').trim();
        let base = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
            "Sheet".to_string()
        } else {
            clean.to_string()
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("~{n}")
            };
            let room = MAX - suffix.chars().count();
            let name: String = base.chars().take(room).collect::<String>() + &suffix;
            if self.used.insert(name.to_lowercase()) {
                return name;
            }
            n += 1;
        }
    }
}

/// A file name safe on Windows, macOS and Linux: no separators, reserved characters, control
/// characters, trailing dots or spaces, or reserved device names; at most 100 characters.
pub fn safe_file_stem(want: &str) -> String {
    let s: String = want
        .chars()
        .map(|c| {
            if "<>:\"/\\|?*".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(100)
        .collect();
    let s = s.trim().trim_end_matches(['.', ' ']).to_string();
    let upper = s.split('.').next().unwrap_or("").to_ascii_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&upper.as_str())
        || ((upper.starts_with("COM") || upper.starts_with("LPT"))
            && upper.len() == 4
            && upper.as_bytes()[3].is_ascii_digit());
    if s.is_empty() || reserved {
        format!("_{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_legal_short_and_unique() {
        let mut n = SheetNames::default();
        n.reserve("汇总");
        assert_eq!(n.legal("汇总"), "汇总~2");
        assert_eq!(n.legal("a/b:c*d?[e]"), "a_b_c_d__e_");
        let long = "丽水市莲都区人民政府办公室政务新媒体官方账号第一号测试名称很长很长";
        let a = n.legal(long);
        let b = n.legal(long);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with("~2") && b.chars().count() == 31 && a != b);
        assert_eq!(n.legal("HISTORY"), "Sheet");
        assert_eq!(n.legal("'x'"), "x");
        assert_eq!(
            n.legal("X"),
            "X~2",
            "Excel compares names case-insensitively"
        );
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(safe_file_stem("莲都发布"), "莲都发布");
        assert_eq!(safe_file_stem("a/b\\c:d"), "a_b_c_d");
        assert_eq!(safe_file_stem("con"), "_con");
        assert_eq!(safe_file_stem("COM1.txt"), "_COM1.txt");
        assert_eq!(safe_file_stem("名称. "), "名称");
        assert_eq!(safe_file_stem(""), "_");
    }
}
