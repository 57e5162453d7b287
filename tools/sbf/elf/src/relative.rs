//! Applies an SBPF v0 file's `R_BPF_64_RELATIVE` relocations at link time
//! and drops them from `.rel.dyn` (16 bytes each; a program has hundreds,
//! one per load of a read-only data address).
//!
//! The Solana loader (solana-sbpf's `Executable::relocate`) applies each such
//! relocation the same way on every load:
//! - in `.text`, at an `lddw`: the 64-bit address split over the two
//!   immediates gets `MM_RODATA_START` added unless it is already at or above
//!   it (an address of 0 is an error, so those are left to the loader);
//! - elsewhere: the 32 bits at offset + 4 plus `MM_RODATA_START` are written
//!   as a 64-bit value at the offset.
//!
//! Writing the result into the file is therefore the same program: the loader
//! finds an `lddw` already at or above `MM_RODATA_START` and leaves it, and
//! finds no entry for the rest. The other relocations (syscall calls) stay.
//! `.rel.dyn` must be the last loaded section (as sbpf-linker lays it out);
//! the sections after it in the file (the section-name table) and the
//! section header table move up by what was removed.

/// Where the loader maps read-only data (text and rodata in SBPF v0).
const MM_RODATA_START: u64 = 0x1_0000_0000;
const R_BPF_64_RELATIVE: u32 = 8;
const SHT_DYNAMIC: u32 = 6;
const SHT_REL: u32 = 9;
const SHF_ALLOC: u64 = 2;
const PT_LOAD: u32 = 1;
const DT_RELSZ: u64 = 18;
const DT_RELCOUNT: u64 = 0x6fff_fffa;

fn u32_at(b: &[u8], at: usize) -> Result<u32, String> {
    b.get(at..at + 4)
        .map(|s| u32::from_le_bytes(s.try_into().expect("4 bytes")))
        .ok_or_else(|| format!("read past the end of the file at {at}"))
}

fn u64_at(b: &[u8], at: usize) -> Result<u64, String> {
    b.get(at..at + 8)
        .map(|s| u64::from_le_bytes(s.try_into().expect("8 bytes")))
        .ok_or_else(|| format!("read past the end of the file at {at}"))
}

fn put_u32(b: &mut [u8], at: usize, v: u32) -> Result<(), String> {
    b.get_mut(at..at + 4)
        .ok_or_else(|| format!("write past the end of the file at {at}"))?
        .copy_from_slice(&v.to_le_bytes());
    Ok(())
}

fn put_u64(b: &mut [u8], at: usize, v: u64) -> Result<(), String> {
    b.get_mut(at..at + 8)
        .ok_or_else(|| format!("write past the end of the file at {at}"))?
        .copy_from_slice(&v.to_le_bytes());
    Ok(())
}

struct Section {
    header: usize,
    name: u32,
    kind: u32,
    flags: u64,
    offset: u64,
    size: u64,
}

fn sections(elf: &[u8]) -> Result<Vec<Section>, String> {
    let shoff = u64_at(elf, 0x28)? as usize;
    let shentsize = u16::from_le_bytes([elf[0x3a], elf[0x3b]]) as usize;
    let shnum = u16::from_le_bytes([elf[0x3c], elf[0x3d]]) as usize;
    if shentsize != 64 {
        return Err(format!("unexpected section header size {shentsize}"));
    }
    (0..shnum)
        .map(|i| {
            let h = shoff + i * 64;
            Ok(Section {
                header: h,
                name: u32_at(elf, h)?,
                kind: u32_at(elf, h + 4)?,
                flags: u64_at(elf, h + 8)?,
                offset: u64_at(elf, h + 24)?,
                size: u64_at(elf, h + 32)?,
            })
        })
        .collect()
}

fn section_name<'a>(elf: &'a [u8], all: &[Section], s: &Section) -> Result<&'a [u8], String> {
    let shstrndx = u16::from_le_bytes([elf[0x3e], elf[0x3f]]) as usize;
    let names = all.get(shstrndx).ok_or("no section name table")?;
    let start = (names.offset + u64::from(s.name)) as usize;
    let rest = elf.get(start..).ok_or("section name out of bounds")?;
    Ok(&rest[..rest.iter().position(|&c| c == 0).unwrap_or(rest.len())])
}

/// Applies and removes the file's relative relocations; returns how many
/// were removed (0 leaves the file as it was).
pub fn apply_relative_relocations(elf: &mut Vec<u8>) -> Result<usize, String> {
    if elf.len() < 64 || elf[..4] != *b"\x7fELF" || elf[4] != 2 || elf[5] != 1 {
        return Err("not a little-endian ELF64 file".into());
    }
    let all = sections(elf)?;
    let text = all
        .iter()
        .find(|s| section_name(elf, &all, s).is_ok_and(|n| n == b".text"))
        .ok_or("no .text section")?;
    let text_range = text.offset..text.offset + text.size;
    let rels: Vec<&Section> = all.iter().filter(|s| s.kind == SHT_REL).collect();
    let [rel] = rels.as_slice() else {
        return Err(format!(
            "expected one SHT_REL section, found {}",
            rels.len()
        ));
    };
    let (rel_start, rel_end) = (rel.offset as usize, (rel.offset + rel.size) as usize);
    if rel.size % 16 != 0 || rel_end > elf.len() {
        return Err(".rel.dyn has a bad size".into());
    }
    // Nothing loaded may follow .rel.dyn in the file: only what moves freely.
    if let Some(s) = all
        .iter()
        .find(|s| s.offset as usize >= rel_end && s.flags & SHF_ALLOC != 0 && s.size > 0)
    {
        return Err(format!(
            "a loaded section (header at {}) follows .rel.dyn",
            s.header
        ));
    }

    let mut kept = Vec::with_capacity(rel.size as usize);
    let mut removed = 0usize;
    for entry in (rel_start..rel_end).step_by(16) {
        let offset = u64_at(elf, entry)?;
        let info = u64_at(elf, entry + 8)?;
        let at = offset as usize;
        let applied = if info as u32 != R_BPF_64_RELATIVE {
            false
        } else if text_range.contains(&offset) {
            let low = u64::from(u32_at(elf, at + 4)?);
            let high = u64::from(u32_at(elf, at + 12)?);
            let mut address = (high << 32) | low;
            if address == 0 {
                false // the loader refuses it; leave that to the loader
            } else {
                if address < MM_RODATA_START {
                    address += MM_RODATA_START;
                }
                put_u32(elf, at + 4, address as u32)?;
                put_u32(elf, at + 12, (address >> 32) as u32)?;
                true
            }
        } else {
            let address = MM_RODATA_START + u64::from(u32_at(elf, at + 4)?);
            put_u64(elf, at, address)?;
            true
        };
        if applied {
            removed += 1;
        } else {
            kept.extend_from_slice(&elf[entry..entry + 16]);
        }
    }
    // The loader refuses a DT_REL table of size 0; keep the file as it is then.
    if removed == 0 || kept.is_empty() {
        return Ok(0);
    }
    let delta = (removed * 16) as u64;
    let remaining_relative = kept
        .chunks(16)
        .filter(|e| u32::from_le_bytes(e[8..12].try_into().expect("4 bytes")) == R_BPF_64_RELATIVE)
        .count() as u64;

    // The dynamic table: DT_RELSZ shrinks, DT_RELCOUNT counts what is left.
    let dynamic = all
        .iter()
        .find(|s| s.kind == SHT_DYNAMIC)
        .ok_or("no .dynamic section")?;
    for entry in (dynamic.offset..dynamic.offset + dynamic.size).step_by(16) {
        let at = entry as usize;
        match u64_at(elf, at)? {
            DT_RELSZ => {
                let size = u64_at(elf, at + 8)?;
                put_u64(elf, at + 8, size - delta)?
            }
            DT_RELCOUNT => put_u64(elf, at + 8, remaining_relative)?,
            _ => {}
        }
    }
    // The loaded segment that ends with .rel.dyn.
    let phoff = u64_at(elf, 0x20)? as usize;
    let phnum = u16::from_le_bytes([elf[0x38], elf[0x39]]) as usize;
    let mut segment_shrunk = false;
    for i in 0..phnum {
        let p = phoff + i * 56;
        let (offset, filesz, memsz) = (
            u64_at(elf, p + 8)?,
            u64_at(elf, p + 32)?,
            u64_at(elf, p + 40)?,
        );
        if u32_at(elf, p)? == PT_LOAD && offset + filesz == rel_end as u64 {
            if memsz != filesz {
                return Err("the segment of .rel.dyn has memsz != filesz".into());
            }
            put_u64(elf, p + 32, filesz - delta)?;
            put_u64(elf, p + 40, memsz - delta)?;
            segment_shrunk = true;
        } else if offset >= rel_end as u64 && filesz > 0 {
            return Err("a segment follows .rel.dyn".into());
        }
    }
    if !segment_shrunk {
        return Err("no loaded segment ends with .rel.dyn".into());
    }
    // Section headers: .rel.dyn's size, and the offsets of what follows it.
    for s in &all {
        if s.header == rel.header {
            put_u64(elf, s.header + 32, rel.size - delta)?;
        } else if s.offset >= rel_end as u64 {
            put_u64(elf, s.header + 24, s.offset - delta)?;
        }
    }
    let shoff = u64_at(elf, 0x28)?;
    if shoff < rel_end as u64 {
        return Err("the section header table precedes .rel.dyn".into());
    }
    put_u64(elf, 0x28, shoff - delta)?;

    elf.splice(rel_start..rel_end, kept);
    Ok(removed)
}

/// The names of the symbols the file's relocations call (its syscalls).
pub fn syscall_names(elf: &[u8]) -> Result<Vec<String>, String> {
    let all = sections(elf)?;
    let mut names = Vec::new();
    for rel in all.iter().filter(|s| s.kind == SHT_REL) {
        let link = u32_at(elf, rel.header + 40)? as usize;
        let symtab = all.get(link).ok_or("bad sh_link of .rel.dyn")?;
        let strtab_index = u32_at(elf, symtab.header + 40)? as usize;
        let strtab = all.get(strtab_index).ok_or("bad sh_link of .dynsym")?;
        for entry in (rel.offset..rel.offset + rel.size).step_by(16) {
            let symbol = (u64_at(elf, entry as usize + 8)? >> 32) as usize;
            if symbol == 0 {
                continue;
            }
            let name_at = (strtab.offset
                + u64::from(u32_at(elf, symtab.offset as usize + symbol * 24)?))
                as usize;
            let rest = elf.get(name_at..).ok_or("symbol name out of bounds")?;
            let name = &rest[..rest.iter().position(|&c| c == 0).unwrap_or(rest.len())];
            let name = String::from_utf8_lossy(name).into_owned();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    Ok(names)
}

/// Loads both files with solana-sbpf (the agave 3.1 loader, every SBPF
/// version enabled, each syscall the file calls registered) and requires the
/// same loaded program: text, read-only region, entry point and functions.
pub fn check_same_loaded_image(before: &[u8], after: &[u8]) -> Result<(), String> {
    use solana_sbpf::{
        elf::Executable,
        program::{BuiltinProgram, SBPFVersion},
        vm::{Config, ContextObject, EbpfVm},
    };
    use std::sync::Arc;
    struct Context;
    impl ContextObject for Context {
        fn consume(&mut self, _: u64) {}
        fn get_remaining(&self) -> u64 {
            0
        }
    }
    fn syscall(_: *mut EbpfVm<Context>, _: u64, _: u64, _: u64, _: u64, _: u64) {}
    let config = Config {
        enabled_sbpf_versions: SBPFVersion::V0..=SBPFVersion::V3,
        ..Config::default()
    };
    let mut loader = BuiltinProgram::<Context>::new_loader(config);
    for name in syscall_names(before)? {
        loader
            .register_function(&name, syscall)
            .map_err(|e| format!("registering {name}: {e:?}"))?;
    }
    let loader = Arc::new(loader);
    let load = |bytes: &[u8], which: &str| {
        Executable::<Context>::load(bytes, loader.clone())
            .map_err(|e| format!("the loader refuses the file {which} the change: {e:?}"))
    };
    let (a, b) = (load(before, "before")?, load(after, "after")?);
    if a.get_text_bytes() != b.get_text_bytes()
        || a.get_ro_section() != b.get_ro_section()
        || a.get_entrypoint_instruction_offset() != b.get_entrypoint_instruction_offset()
        || !a
            .get_function_registry()
            .iter()
            .eq(b.get_function_registry().iter())
    {
        return Err("the loaded program differs from the one with the relocations".into());
    }
    Ok(())
}
