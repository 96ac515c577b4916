//! `assay backup --out FILE`: a copy of the live database through SQLite's online backup API,
//! safe while the TUI or another program writes; the copy is checked before it replaces FILE.

use std::path::PathBuf;

use clap::Args;

use crate::i18n::Lang;
use crate::storage::Store;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The copy to write (a new file, or one to replace)
    #[arg(long)]
    pub out: PathBuf,
}

pub fn run(
    store: &Store,
    db: &std::path::Path,
    args: &BackupArgs,
    lang: Lang,
) -> anyhow::Result<()> {
    let same = match (args.out.canonicalize(), db.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        anyhow::bail!(
            "{}",
            match lang {
                Lang::Zh => format!(
                    "{} 就是数据库本身；请给出另一个文件作为备份",
                    args.out.display()
                ),
                Lang::En => format!(
                    "{} is the database itself; give another file for the backup",
                    args.out.display()
                ),
            }
        );
    }
    let mut check = String::new();
    crate::io::out::write_from_file(&args.out, &mut |tmp| -> anyhow::Result<()> {
        check = store.backup_to(tmp)?;
        if check != "ok" {
            anyhow::bail!(
                "{}",
                match lang {
                    Lang::Zh => format!(
                        "备份副本未通过完整性检查（「{check}」），未写出 {}；请先运行 assay audit verify 检查原数据库",
                        args.out.display()
                    ),
                    Lang::En => format!(
                        "the copy failed its integrity check ({check}); {} was not written",
                        args.out.display()
                    ),
                }
            );
        }
        Ok(())
    })?;
    eprintln!(
        "{}",
        match lang {
            Lang::Zh => format!(
                "已备份到 {}（完整性检查通过）；可用「assay --db {} audit verify」核对历史",
                args.out.display(),
                args.out.display()
            ),
            Lang::En => format!(
                "backed up to {} (integrity check ok); assay --db {} audit verify checks its history",
                args.out.display(),
                args.out.display()
            ),
        }
    );
    Ok(())
}
