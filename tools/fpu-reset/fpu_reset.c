/*
 * fpu_reset: a one-function Node-API addon used by the LiteSVM test backend.
 *
 * Why: solana-sbpf's x86-64 JIT (used by LiteSVM's native binding) keeps a
 * value in the MMX register MM0 while it dispatches `callx` (its
 * ANCHOR_INTERNAL_FUNCTION_CALL_REG routine) and never executes EMMS. MMX
 * registers alias the x87 register stack, so after any program that calls
 * through a function pointer (every Rust program that formats a message does,
 * through fmt vtables) the host thread's x87 unit is left "full". The next
 * x87 instruction in the process returns NaN: libstdc++'s hash-table rehash
 * policy (long double) inside V8's garbage collector then asks for an
 * impossible bucket count and the process dies with std::bad_alloc
 * (LiteSVM issue #171). Running EMMS after each LiteSVM call restores the
 * x87 state. Found while bringing up this project's toolchain; see
 * tools/sbf/README.md.
 */
#include <node_api.h>

static napi_value reset(napi_env env, napi_callback_info info) {
  (void)env;
  (void)info;
#if defined(__x86_64__) || defined(__i386__)
  __asm__ volatile("emms");
#endif
  return NULL;
}

static napi_value init(napi_env env, napi_value exports) {
  napi_value fn;
  if (napi_create_function(env, "reset", NAPI_AUTO_LENGTH, reset, NULL, &fn) != napi_ok)
    return NULL;
  if (napi_set_named_property(env, exports, "reset", fn) != napi_ok)
    return NULL;
  return exports;
}

NAPI_MODULE(fpu_reset, init)
