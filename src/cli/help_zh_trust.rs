//! More of the Chinese `--help` (see `help_zh`): backup, round packages, signing keys and the
//! signed exchange, keyed by their English text.

/// English description (whitespace collapsed) → Chinese.
pub(super) const ZH_TRUST: &[(&str, &str)] = &[
    (
        "Copy the database while it is in use (SQLite's online backup), checked before it is kept",
        "在使用中复制数据库（SQLite 在线备份），副本检查通过后才保存",
    ),
    (
        "The copy to write (a new file, or one to replace)",
        "备份副本的文件路径（新文件，或要替换的旧备份）",
    ),
    (
        "The evaluator's signing key: the fingerprint they read out, the whole public key, or a file they signed (otherwise the first merged file's key is recorded)",
        "评估人的签名密钥：其读出的指纹、完整公钥或其签名的文件（不给时登记首次合并的文件的密钥）",
    ),
    (
        "Write the round package for one evaluator: the pinned rubric, their accounts, the rules",
        "为一名评估人写出轮次任务包：固定的评分表、分配给他的账号和评审规则",
    ),
    (
        "Join a round package from the chair: the round, your accounts and your signing key",
        "加入组长发来的轮次任务包：轮次、分配给你的账号，以及本机签名密钥",
    ),
    (
        "The evaluator the package is for (a member of the round's panel)",
        "任务包发给哪名评估人（须是本轮评审组成员）",
    ),
    (
        "The round package from the chair",
        "组长发来的轮次任务包文件",
    ),
    (
        "A chain head written down earlier (printed in a bulletin's footer): it must still be in the history or the ledger, else they were rewritten",
        "此前记下的链尾哈希（印在通报页脚）：它必须仍在评分历史或登记链中，否则链被改写过",
    ),
];
