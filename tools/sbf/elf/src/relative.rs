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
const DT_REL: u64 = 17;
const DT_RELSZ: u64 = 18;
const DT_RELCOUNT: u64 = 0x6fff_fffa;

fn end(at: usize, len: usize) -> Result<usize, String> {
    at.checked_add(len)
        .ok_or_else(|| format!("offset {at} out of range"))
}

fn u32_at(b: &[u8], at: usize) -> Result<u32, String> {
    b.get(at..end(at, 4)?)
        .map(|s| u32::from_le_bytes(s.try_into().expect("4 bytes")))
        .ok_or_else(|| format!("read past the end of the file at {at}"))
}

fn u64_at(b: &[u8], at: usize) -> Result<u64, String> {
    b.get(at..end(at, 8)?)
        .map(|s| u64::from_le_bytes(s.try_into().expect("8 bytes")))
        .ok_or_else(|| format!("read past the end of the file at {at}"))
}

fn put_u32(b: &mut [u8], at: usize, v: u32) -> Result<(), String> {
    b.get_mut(at..end(at, 4)?)
        .ok_or_else(|| format!("write past the end of the file at {at}"))?
        .copy_from_slice(&v.to_le_bytes());
    Ok(())
}

fn put_u64(b: &mut [u8], at: usize, v: u64) -> Result<(), String> {
    b.get_mut(at..end(at, 8)?)
        .ok_or_else(|| format!("write past the end of the file at {at}"))?
        .copy_from_slice(&v.to_le_bytes());
    Ok(())
}

struct Section {
    header: usize,
    name: u32,
    kind: u32,
    flags: u64,
    addr: u64,
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
            let h = end(shoff, i * 64)?;
            let s = Section {
                header: h,
                name: u32_at(elf, h)?,
                kind: u32_at(elf, h + 4)?,
                flags: u64_at(elf, h + 8)?,
                addr: u64_at(elf, h + 16)?,
                offset: u64_at(elf, h + 24)?,
                size: u64_at(elf, h + 32)?,
            };
            // Every section with file contents lies inside the file, so the
            // offset arithmetic below cannot overflow.
            const SHT_NOBITS: u32 = 8;
            if s.kind != SHT_NOBITS
                && s.offset
                    .checked_add(s.size)
                    .is_none_or(|e| e > elf.len() as u64)
            {
                return Err(format!(
                    "section header {i} points past the end of the file"
                ));
            }
            Ok(s)
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

/// The file with its relative relocations applied and removed, and how many
/// were removed; `None` when there is nothing to remove (or removing all of
/// them would leave an empty table, which the loader refuses). The input is
/// never modified.
pub fn apply_relative_relocations(input: &[u8]) -> Result<Option<(Vec<u8>, usize)>, String> {
    if input.len() < 64 || input[..4] != *b"\x7fELF" || input[4] != 2 || input[5] != 1 {
        return Err("not a little-endian ELF64 file".into());
    }
    let mut out = input.to_vec();
    let elf = &mut out;
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
    // The loader reads the table through DT_REL / DT_RELSZ: they must name
    // exactly this section.
    let dynamic = all
        .iter()
        .find(|s| s.kind == SHT_DYNAMIC)
        .ok_or("no .dynamic section")?;
    let dynamic_value = |tag: u64| -> Result<Option<u64>, String> {
        for entry in (dynamic.offset..dynamic.offset + dynamic.size).step_by(16) {
            if u64_at(elf, entry as usize)? == tag {
                return Ok(Some(u64_at(elf, entry as usize + 8)?));
            }
        }
        Ok(None)
    };
    if dynamic_value(DT_REL)? != Some(rel.addr) || dynamic_value(DT_RELSZ)? != Some(rel.size) {
        return Err("DT_REL/DT_RELSZ do not name .rel.dyn".into());
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
        if offset >= elf.len() as u64 {
            return Err(format!(
                "relocation at {offset} is past the end of the file"
            ));
        }
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
        return Ok(None);
    }
    let delta = (removed * 16) as u64; // at most rel.size: a subset of its entries
    let remaining_relative = kept
        .chunks(16)
        .filter(|e| u32::from_le_bytes(e[8..12].try_into().expect("4 bytes")) == R_BPF_64_RELATIVE)
        .count() as u64;

    // The dynamic table: DT_RELSZ shrinks, DT_RELCOUNT counts what is left.
    for entry in (dynamic.offset..dynamic.offset + dynamic.size).step_by(16) {
        let at = entry as usize;
        match u64_at(elf, at)? {
            DT_RELSZ => put_u64(elf, at + 8, rel.size - delta)?,
            DT_RELCOUNT => put_u64(elf, at + 8, remaining_relative)?,
            _ => {}
        }
    }
    // The loaded segment that ends with .rel.dyn.
    let phoff = u64_at(elf, 0x20)? as usize;
    let phnum = u16::from_le_bytes([elf[0x38], elf[0x39]]) as usize;
    if phoff < rel_end && end(phoff, phnum * 56)? > rel_start {
        return Err("the program headers overlap .rel.dyn".into());
    }
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
    // Program headers after .rel.dyn move up with everything else there.
    if phoff >= rel_end {
        put_u64(elf, 0x20, (phoff as u64) - delta)?;
    }

    elf.splice(rel_start..rel_end, kept);
    Ok(Some((out, removed)))
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
/// version enabled, each syscall the file calls registered), once as a
/// deployment checks them (`reject_broken_elfs`) and once as execution loads
/// them, and requires the same loaded program each time: SBPF version, text,
/// read-only region (bytes, address and length), entry point and functions;
/// the new file must also pass the verifier.
pub fn check_same_loaded_image(before: &[u8], after: &[u8]) -> Result<(), String> {
    use solana_sbpf::{
        elf::Executable,
        program::{BuiltinProgram, SBPFVersion},
        verifier::RequisiteVerifier,
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
    let names = syscall_names(before)?;
    for reject_broken_elfs in [true, false] {
        let config = Config {
            enabled_sbpf_versions: SBPFVersion::V0..=SBPFVersion::V3,
            reject_broken_elfs,
            ..Config::default()
        };
        let mut loader = BuiltinProgram::<Context>::new_loader(config);
        for name in &names {
            loader
                .register_function(name, syscall)
                .map_err(|e| format!("registering {name}: {e:?}"))?;
        }
        let loader = Arc::new(loader);
        let load = |bytes: &[u8], which: &str| {
            Executable::<Context>::load(bytes, loader.clone())
                .map_err(|e| format!("the loader refuses the file {which} the change: {e:?}"))
        };
        let (a, b) = (load(before, "before")?, load(after, "after")?);
        let (ra, rb) = (a.get_ro_region(), b.get_ro_region());
        if a.get_sbpf_version() != b.get_sbpf_version()
            || a.get_text_bytes() != b.get_text_bytes()
            || a.get_ro_section() != b.get_ro_section()
            || (ra.vm_addr, ra.len) != (rb.vm_addr, rb.len)
            || a.get_entrypoint_instruction_offset() != b.get_entrypoint_instruction_offset()
            || !a
                .get_function_registry()
                .iter()
                .eq(b.get_function_registry().iter())
        {
            return Err("the loaded program differs from the one with the relocations".into());
        }
        b.verify::<RequisiteVerifier>()
            .map_err(|e| format!("the verifier refuses the new file: {e:?}"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal file in sbpf-linker's layout: text (one `lddw` of a
    /// read-only address, one `exit`), rodata, .dynamic, .rel.dyn with the
    /// given relocations, the section-name table, then the section headers.
    fn file(relocations: &[(u64, u32)]) -> Vec<u8> {
        let mut f = vec![0u8; 0x40];
        f[..4].copy_from_slice(b"\x7fELF");
        f[4] = 2;
        f[5] = 1;
        let text = 0x40u64;
        // lddw r0, 0x60 (rodata); exit
        f.extend_from_slice(&[0x18, 0, 0, 0, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        f.extend_from_slice(&[0x95, 0, 0, 0, 0, 0, 0, 0]);
        f.resize(0x60, 0);
        f.extend_from_slice(b"data\0\0\0\0");
        let dynamic = f.len() as u64;
        let rel = dynamic + 3 * 16;
        let relsz = relocations.len() as u64 * 16;
        for (tag, value) in [(DT_REL, rel), (DT_RELSZ, relsz), (DT_RELCOUNT, 1)] {
            f.extend_from_slice(&tag.to_le_bytes());
            f.extend_from_slice(&value.to_le_bytes());
        }
        for (offset, kind) in relocations {
            f.extend_from_slice(&offset.to_le_bytes());
            f.extend_from_slice(&u64::from(*kind).to_le_bytes());
        }
        let names = f.len() as u64;
        f.extend_from_slice(b"\0.text\0.rel.dyn\0.dynamic\0.s\0");
        while !f.len().is_multiple_of(8) {
            f.push(0);
        }
        let shoff = f.len() as u64;
        // (name, type, flags, addr, offset, size)
        let headers: [(u32, u32, u64, u64, u64, u64); 5] = [
            (0, 0, 0, 0, 0, 0),
            (1, 1, 6, text, text, 24),
            (16, SHT_DYNAMIC, 3, dynamic, dynamic, 48),
            (7, SHT_REL, SHF_ALLOC, rel, rel, relsz),
            (25, 3, 0, 0, names, 28),
        ];
        for (name, kind, flags, addr, offset, size) in headers {
            let mut h = [0u8; 64];
            h[..4].copy_from_slice(&name.to_le_bytes());
            h[4..8].copy_from_slice(&kind.to_le_bytes());
            h[8..16].copy_from_slice(&flags.to_le_bytes());
            h[16..24].copy_from_slice(&addr.to_le_bytes());
            h[24..32].copy_from_slice(&offset.to_le_bytes());
            h[32..40].copy_from_slice(&size.to_le_bytes());
            f.extend_from_slice(&h);
        }
        f[0x28..0x30].copy_from_slice(&shoff.to_le_bytes());
        f[0x3a..0x3c].copy_from_slice(&64u16.to_le_bytes());
        f[0x3c..0x3e].copy_from_slice(&5u16.to_le_bytes());
        f[0x3e..0x40].copy_from_slice(&4u16.to_le_bytes());
        // One loaded segment ending with .rel.dyn.
        f[0x20..0x28].copy_from_slice(&(shoff).to_le_bytes()); // patched below
        let phoff = f.len() as u64;
        let mut p = [0u8; 56];
        p[..4].copy_from_slice(&PT_LOAD.to_le_bytes());
        p[8..16].copy_from_slice(&dynamic.to_le_bytes());
        p[32..40].copy_from_slice(&(rel + relsz - dynamic).to_le_bytes());
        p[40..48].copy_from_slice(&(rel + relsz - dynamic).to_le_bytes());
        f.extend_from_slice(&p);
        f[0x20..0x28].copy_from_slice(&phoff.to_le_bytes());
        f[0x38..0x3a].copy_from_slice(&1u16.to_le_bytes());
        f
    }

    #[test]
    fn an_lddw_gets_the_rodata_base_and_its_entry_goes() {
        // One relative relocation at the lddw, one syscall-like entry kept.
        let input = file(&[(0x40, R_BPF_64_RELATIVE), (0x50, 10)]);
        let (out, removed) = apply_relative_relocations(&input).unwrap().unwrap();
        assert_eq!(removed, 1);
        assert_eq!(out.len(), input.len() - 16);
        assert_eq!(u32_at(&out, 0x44).unwrap(), 0x60);
        assert_eq!(u32_at(&out, 0x4c).unwrap(), 1); // 0x1_0000_0060
        let all = sections(&out).unwrap();
        assert_eq!(all[3].size, 16);
        assert_eq!(u64_at(&out, all[2].offset as usize + 24).unwrap(), 16); // DT_RELSZ
        assert_eq!(u64_at(&out, all[2].offset as usize + 40).unwrap(), 0); // DT_RELCOUNT
                                                                           // The kept entry is the other one, and the name table still reads.
        assert_eq!(u64_at(&out, all[3].offset as usize).unwrap(), 0x50);
        assert_eq!(section_name(&out, &all, &all[3]).unwrap(), b".rel.dyn");
        // The program header (after .rel.dyn in this file) moved with the
        // rest, and its segment lost the removed entry.
        let phoff = u64_at(&out, 0x20).unwrap() as usize;
        assert_eq!(u32_at(&out, phoff).unwrap(), PT_LOAD);
        let (filesz, memsz) = (
            u64_at(&out, phoff + 32).unwrap(),
            u64_at(&out, phoff + 40).unwrap(),
        );
        assert_eq!(
            filesz,
            u64_at(&input, u64_at(&input, 0x20).unwrap() as usize + 32).unwrap() - 16
        );
        assert_eq!(memsz, filesz);
    }

    #[test]
    fn a_pointer_in_rodata_gets_the_rodata_base_as_the_loader_writes_it() {
        // The loader's other branch: the 32 bits at offset + 4 (sbpf-linker
        // writes a pointer as address << 32) plus MM_RODATA_START, stored as
        // a 64-bit value at the offset.
        let mut input = file(&[(0x60, R_BPF_64_RELATIVE), (0x50, 10)]);
        input[0x60..0x68].copy_from_slice(&(0x48u64 << 32).to_le_bytes());
        let (out, removed) = apply_relative_relocations(&input).unwrap().unwrap();
        assert_eq!(removed, 1);
        assert_eq!(u64_at(&out, 0x60).unwrap(), MM_RODATA_START + 0x48);
        assert_eq!(u32_at(&out, 0x44).unwrap(), 0x60); // the lddw is untouched
    }

    #[test]
    fn a_relocation_past_the_end_of_the_file_is_refused() {
        let input = file(&[(u64::MAX - 2, R_BPF_64_RELATIVE), (0x50, 10)]);
        assert!(apply_relative_relocations(&input).is_err());
    }

    #[test]
    fn nothing_to_remove_or_an_empty_table_leaves_the_input() {
        assert!(apply_relative_relocations(&file(&[(0x50, 10)]))
            .unwrap()
            .is_none());
        // Only relative entries: removing them all would leave DT_RELSZ 0,
        // which the loader refuses, so nothing is removed.
        let input = file(&[(0x40, R_BPF_64_RELATIVE)]);
        assert!(apply_relative_relocations(&input).unwrap().is_none());
    }

    #[test]
    fn an_address_of_zero_is_left_to_the_loader() {
        let mut input = file(&[(0x40, R_BPF_64_RELATIVE), (0x50, 10)]);
        input[0x44] = 0; // lddw r0, 0
        assert!(apply_relative_relocations(&input).unwrap().is_none());
    }

    #[test]
    fn a_table_the_dynamic_section_does_not_name_is_refused() {
        let mut input = file(&[(0x40, R_BPF_64_RELATIVE), (0x50, 10)]);
        let dynamic = 0x68;
        input[dynamic + 24] = 0xf0; // DT_RELSZ != sh_size
        assert!(apply_relative_relocations(&input).is_err());
    }
}
