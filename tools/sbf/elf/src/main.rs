//! `sbf-elf <input.o> <output.so> [--arch v0|v3] [--keep-relative]`
//!
//! The last step of this project's SBF pipeline (see tools/sbf/README.md):
//! `llc` emits a relocatable eBPF object; sbpf-linker's byteparser and
//! sbpf-assembler lay it out as an SBPF program (text, rodata with its
//! pointer relocations, dynamic symbols for syscalls) and emit the ELF that the
//! Solana loader accepts. For v0 it then applies the read-only-data
//! relocations the loader would apply on every load and drops them from the
//! file (`relative.rs`; `--keep-relative` leaves them).

use std::{env, fs, process::ExitCode};

mod relative;

use sbpf_linker::{link_program, OptimizationConfig, ProgramOptions, SbpfArch, SbpfLinkerError};

/// Frame size the program was compiled for (`llc -bpf-stack-size`).
const STACK_FRAME_SIZE: i32 = 4096;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let (mut input, mut output, mut arch) = (None, None, SbpfArch::V0);
    let mut keep_relative = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--arch" => match it.next().map(String::as_str) {
                Some("v0") => arch = SbpfArch::V0,
                Some("v3") => arch = SbpfArch::V3,
                other => return usage(&format!("unknown --arch {other:?}; expected v0 or v3")),
            },
            "--keep-relative" => keep_relative = true,
            _ if input.is_none() => input = Some(a.clone()),
            _ if output.is_none() => output = Some(a.clone()),
            _ => return usage(&format!("unexpected argument {a:?}")),
        }
    }
    let (Some(input), Some(output)) = (input, output) else {
        return usage("missing <input.o> or <output.so>");
    };
    let object = match fs::read(&input) {
        Ok(bytes) => bytes,
        Err(e) => return fail(&format!("cannot read {input}: {e}")),
    };
    // The assembler's CFG optimizations include removing functions that are
    // not reached by direct calls; ours are also reached through vtables, and
    // the IR pipeline has already removed dead code, so they stay off.
    let options = ProgramOptions::new(OptimizationConfig::disabled(), arch, STACK_FRAME_SIZE);
    let mut program = match link_program(&object, options) {
        Ok(bytes) => bytes,
        Err(errors) => return fail(&SbpfLinkerError::format_errors(&errors)),
    };
    if matches!(arch, SbpfArch::V0) && !keep_relative {
        let applied = relative::apply_relative_relocations(&program).and_then(|new| match new {
            Some((bytes, _)) => {
                relative::check_same_loaded_image(&program, &bytes).map(|_| Some(bytes))
            }
            None => Ok(None),
        });
        match applied {
            Ok(Some(bytes)) => program = bytes,
            Ok(None) => {}
            Err(e) => return fail(&format!("applying relative relocations: {e}")),
        }
    }
    if let Err(e) = fs::write(&output, &program) {
        return fail(&format!("cannot write {output}: {e}"));
    }
    ExitCode::SUCCESS
}

fn usage(msg: &str) -> ExitCode {
    eprintln!(
        "sbf-elf: {msg}\nusage: sbf-elf <input.o> <output.so> [--arch v0|v3] [--keep-relative]"
    );
    ExitCode::from(2)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("sbf-elf: error: {msg}");
    ExitCode::FAILURE
}
