//! The process's allocator (mimalloc) and how soon it gives freed memory back to the system.
//!
//! A national round's reads and aggregations make millions of small allocations (strings,
//! figure vectors) on several threads at once; the system allocator spent about a fifth of
//! their time (benches/RESULTS.md). mimalloc keeps freed memory for a while before it gives it
//! back (1 s, arenas 10 s): a TUI session reuses it for the next summary instead of faulting
//! fresh pages in, while a one-shot command, whose peak memory is what a user sees, asks for it
//! to be given back at once ([`give_back_at_once`]).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the mimalloc (v3) that `libmimalloc-sys` builds: how many ms
/// freed memory is kept before it is given back (0: at once). The test below checks the number
/// against the version built.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Freed memory is given back to the system at once (one-shot commands: `report`, `ops`…).
pub fn give_back_at_once() {
    // SAFETY: `mi_option_set` only stores an option value; any value is valid for this option.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 0) }
}

/// How many ms freed memory is kept now.
// `c_long` is `i64` here but `i32` on Windows.
#[allow(clippy::useless_conversion)]
pub fn kept_for_ms() -> i64 {
    // SAFETY: reading an option value has no preconditions.
    i64::from(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) })
}

#[cfg(test)]
mod tests {
    /// The option number is the purge delay of the mimalloc built: its default is v3's 1000 ms
    /// (a test that ran `give_back_at_once` before this one would show 0, so both are allowed
    /// and the value is set and read back).
    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        let now = super::kept_for_ms();
        assert!(now == 1000 || now == 0, "purge delay read {now} ms");
        super::give_back_at_once();
        assert_eq!(super::kept_for_ms(), 0);
    }
}
