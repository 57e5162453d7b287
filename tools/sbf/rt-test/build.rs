//! Compiles tools/sbf/legalize/sbf_rt.ll -- the very file sbf-ld links into
//! every program -- for the host with Debian's LLVM 22 `llc`, so the tests
//! run the helpers' IR (not a port of it). Only the module's BPF target lines
//! are dropped; the functions are taken verbatim.
use std::{env, fs, path::PathBuf, process::Command};

fn main() {
    let llvm = env::var("SBF_LLVM_BIN").unwrap_or_else(|_| "/usr/lib/llvm-22/bin".into());
    let src = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../legalize/sbf_rt.ll");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-env-changed=SBF_LLVM_BIN");
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let ir: String = fs::read_to_string(&src)
        .expect("read sbf_rt.ll")
        .lines()
        .filter(|l| !l.starts_with("target datalayout") && !l.starts_with("target triple"))
        .map(|l| format!("{l}\n"))
        .collect();
    let ll = out.join("sbf_rt_host.ll");
    fs::write(&ll, ir).unwrap();
    let obj = out.join("sbf_rt_host.o");
    let target = env::var("TARGET").unwrap();
    let status = Command::new(format!("{llvm}/llc"))
        .args([
            "-O2",
            "-filetype=obj",
            "-relocation-model=pic",
            &format!("-mtriple={target}"),
        ])
        .arg(&ll)
        .arg("-o")
        .arg(&obj)
        .status()
        .expect("run llc");
    assert!(status.success(), "llc failed on sbf_rt.ll");
    let lib = out.join("libsbf_rt_host.a");
    let _ = fs::remove_file(&lib);
    let status = Command::new(format!("{llvm}/llvm-ar"))
        .arg("crs")
        .arg(&lib)
        .arg(&obj)
        .status()
        .expect("run llvm-ar");
    assert!(status.success());
    println!("cargo:rustc-link-search=native={}", out.display());
    println!("cargo:rustc-link-lib=static=sbf_rt_host");
}
