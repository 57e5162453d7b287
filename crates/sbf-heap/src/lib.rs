//! The programs' global allocator: Solana's own bump allocator
//! (`solana_program_entrypoint::BumpAllocator`, same heap region and
//! length), called through one function that is never inlined.
//!
//! The default allocator (`custom_heap_default!`, which Anchor's entrypoint
//! expands in the program crate) is inlined by rustc and LLVM into every
//! allocation site: a dozen instructions each, hundreds of sites. One
//! shared copy makes each program ~15 % smaller for a call and return per
//! allocation (tools/sbf/README.md, size experiments). A program opts in
//! with its `custom-heap` feature (which turns the default off) and
//! `sbf_heap::global_allocator!()`.
use std::alloc::{GlobalAlloc, Layout};

use solana_program_entrypoint::{HEAP_LENGTH, HEAP_START_ADDRESS};

/// A bump allocator over the runtime's default heap,
/// `HEAP_START_ADDRESS..+HEAP_LENGTH` (32 KiB), with the same layout and rule
/// as Solana's `BumpAllocator`: the first word of the heap holds the lowest
/// address handed out so far (0 before the first allocation); each
/// allocation moves it down by the size, rounds down to the alignment, and
/// fails (null) when it would reach that first word. Nothing is freed.
pub struct OutOfLineBumpAllocator;

impl OutOfLineBumpAllocator {
    pub const fn new() -> Self {
        Self
    }
}

impl Default for OutOfLineBumpAllocator {
    fn default() -> Self {
        Self::new()
    }
}

const HEAP_START: usize = HEAP_START_ADDRESS as usize;

/// The allocation itself, one copy for the whole program. `align` is a power
/// of two (Layout guarantees it).
#[inline(never)]
fn bump(size: usize, align: usize) -> *mut u8 {
    // SAFETY: the runtime maps HEAP_LENGTH bytes at HEAP_START, zeroed, for
    // every program invocation; only this allocator writes its first word.
    unsafe { bump_in(HEAP_START, HEAP_LENGTH, size, align) }
}

/// The bump rule over the region `start..start + len` (first word: the
/// lowest address handed out so far, 0 before the first allocation).
///
/// # Safety
/// `start` is 8-aligned and `start..start + len` is writable memory that
/// only this function writes the first word of.
#[inline(always)]
unsafe fn bump_in(start: usize, len: usize, size: usize, align: usize) -> *mut u8 {
    let low = start as *mut usize;
    let mut pos = *low;
    if pos == 0 {
        pos = start + len;
    }
    pos = pos.saturating_sub(size) & !align.wrapping_sub(1);
    if pos < start + core::mem::size_of::<usize>() {
        return core::ptr::null_mut();
    }
    *low = pos;
    pos as *mut u8
}

// SAFETY: `bump` hands out disjoint, aligned blocks inside the heap region
// (or null), never reused since nothing is freed; realloc and alloc_zeroed
// are GlobalAlloc's defaults over `alloc`, as for Solana's BumpAllocator.
unsafe impl GlobalAlloc for OutOfLineBumpAllocator {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump(layout.size(), layout.align())
    }

    #[inline]
    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}

/// Declares `OutOfLineBumpAllocator` as the global allocator of an on-chain
/// build of the calling program (not when it is linked as a CPI dependency
/// with `no-entrypoint`, nor on the host).
#[macro_export]
macro_rules! global_allocator {
    () => {
        #[cfg(all(
            target_os = "solana",
            feature = "custom-heap",
            not(feature = "no-entrypoint")
        ))]
        #[global_allocator]
        static ALLOCATOR: $crate::OutOfLineBumpAllocator = $crate::OutOfLineBumpAllocator::new();
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use solana_program_entrypoint::BumpAllocator;

    /// Same addresses (as offsets into each arena) and the same failures as
    /// Solana's BumpAllocator, over many awkward layouts until the heap is
    /// full.
    #[test]
    fn hands_out_what_solanas_bump_allocator_does() {
        const WORDS: usize = HEAP_LENGTH / 8;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..200 {
            let mut ours = vec![0u64; WORDS];
            let mut theirs = vec![0u64; WORDS];
            let ours_start = ours.as_mut_ptr() as usize;
            let theirs_start = theirs.as_mut_ptr() as usize;
            // SAFETY: a fresh arena of HEAP_LENGTH bytes for each.
            let reference = unsafe {
                BumpAllocator::new(std::slice::from_raw_parts_mut(
                    theirs.as_mut_ptr() as *mut u8,
                    HEAP_LENGTH,
                ))
            };
            let mut failures = 0;
            while failures < 3 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let size = match seed % 4 {
                    0 => (seed >> 8) as usize % 9,
                    1 => (seed >> 8) as usize % 300,
                    2 => (seed >> 8) as usize % 5_000,
                    _ => (seed >> 8) as usize % 40_000,
                };
                let align = 1usize << ((seed >> 40) % 5);
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: each arena is used only by its allocator.
                let a = unsafe { bump_in(ours_start, HEAP_LENGTH, size, align) };
                let b = unsafe { reference.alloc(layout) };
                assert_eq!(a.is_null(), b.is_null(), "size {size} align {align}");
                if a.is_null() {
                    failures += 1;
                } else {
                    assert_eq!(a as usize - ours_start, b as usize - theirs_start);
                    assert_eq!(a as usize % align, 0);
                }
            }
        }
    }
}
