//! Fills the program's security.txt (see `lib.rs`) from the environment at
//! build time, so a deployer sets the real contacts without editing code:
//! GPU_DEPIN_SECURITY_CONTACTS, GPU_DEPIN_PROJECT_URL, GPU_DEPIN_SOURCE_CODE.
//! The defaults are placeholders (example.com): set them for a real deployment.
fn main() {
    for (var, default) in [
        ("GPU_DEPIN_SECURITY_CONTACTS", "email:security@example.com"),
        ("GPU_DEPIN_PROJECT_URL", "https://example.com/gpu-depin"),
        ("GPU_DEPIN_SOURCE_CODE", "https://example.com/gpu-depin"),
    ] {
        println!("cargo:rerun-if-env-changed={var}");
        let value = std::env::var(var).unwrap_or_else(|_| default.to_string());
        println!("cargo:rustc-env={var}={value}");
    }
}
