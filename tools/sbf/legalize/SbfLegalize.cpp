//===- SbfLegalize.cpp - make rustc's LLVM IR lowerable by LLVM 22's BPF backend ===//
//
// An `opt` pass plugin of this project (`-passes=sbf-legalize`). It runs on the
// fully linked, optimized module of one Solana program, just before `llc`.
//
// LLVM 22's upstream BPF backend was written for kernel eBPF. Rust code for
// Solana (anchor-lang, the solana-* crates, core/alloc/std) uses IR it cannot
// lower. Each rewrite below removes one class of failure seen when compiling
// Anchor 0.32 programs (error text in quotes):
//
//  1. Library calls ("A call to built-in function 'X' is not supported"):
//     - llvm.memcpy/memmove/memset with a variable or large length
//       -> Solana syscalls sol_memmove_ / sol_memset_;
//     - 128-bit mul/udiv/urem/sdiv/srem, variable 128-bit shifts and
//       {u,s}mul.with.overflow.{i64,i128} -> inline 64-bit code or the helpers
//       in sbf_rt.ll;
//     - floating point (rent exemption is computed with f64) -> calls to the
//       soft-float routines of compiler_builtins, which are in the module.
//  2. Signed division ("unsupported signed division", no sdiv before BPF v4,
//     and SBPF v0 has none) -> unsigned division with sign fix-up.
//  3. Returns wider than one register ("aggregate returns are not supported",
//     "only small returns supported": rustc returns &str, Option<&dyn T>,
//     TypeId, u128... by value) -> an explicit out-pointer (sret) argument.
//  4. More than five argument registers ("too many arguments", "stack
//     arguments are not supported"; BPF has r1..r5) -> arguments 5..n are
//     packed into a caller-stack struct passed by pointer.
//  5. llvm.trap (every panic under -Cpanic=immediate-abort) -> the `abort`
//     syscall; target-cpu/target-features attributes are dropped so that
//     llc's -mcpu/-mattr decide the instruction set.
//
// Rules 3 and 4 are applied by function *type*: every definition and every
// call site (direct or indirect) with a qualifying type is rewritten the same
// way, so calls through vtables stay consistent. External declarations (the
// Solana syscalls) never qualify; if one does, the pass fails loudly.
//
// Anything the pass does not know how to lower is reported with the function
// name and the pass fails, rather than emitting code that might misbehave.
//
// A second pass in this plugin, `sbf-syscall-trampolines` (SBPF v0 only, see
// sbf-ld), routes every direct call of a syscall through one local function
// per syscall. In SBPF v0 each syscall call site carries its own 16-byte
// R_BPF_64_32 relocation in the deployed file (v3 has none); a local call
// needs none, so N call sites cost one relocation instead of N, for one
// `call` and one `exit` (2 CU) more per executed syscall, and one more call
// frame (of the runtime's 64) while the syscall runs.
//===----------------------------------------------------------------------===//

#include "llvm/ADT/SmallVector.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Analysis/ValueTracking.h"
#include "llvm/Support/KnownBits.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/Dominators.h"
#include "llvm/IR/DerivedTypes.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/Intrinsics.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <map>
#include <memory>
#include <optional>

using namespace llvm;

static cl::opt<unsigned> InlineMemOpLimit(
    "sbf-inline-memop-limit", cl::init(32),
    cl::desc("Largest constant-length memcpy/memset, counted in loads/stores of the "
             "known alignment (max 8 bytes), left to the BPF backend to expand inline"));

namespace {

constexpr unsigned MaxArgRegs = 5;

[[noreturn]] void fail(const Twine &Msg) {
  errs() << "sbf-legalize: error: " << Msg << "\n";
  report_fatal_error("sbf-legalize failed", /*gen_crash_diag=*/false);
}

class Legalizer {
public:
  explicit Legalizer(Module &M)
      : M(M), Ctx(M.getContext()), I1(Type::getInt1Ty(Ctx)),
        I8(Type::getInt8Ty(Ctx)), I64(Type::getInt64Ty(Ctx)),
        I128(Type::getInt128Ty(Ctx)), Ptr(PointerType::get(Ctx, 0)),
        Void(Type::getVoidTy(Ctx)) {}

  bool run() {
    stripTargetAttributes();
    lowerInstructions();
    legalizeSignatures();
    if (verifyModule(M, &errs()))
      fail("module does not verify after legalization");
    return true;
  }

private:
  Module &M;
  LLVMContext &Ctx;
  Type *I1, *I8, *I64, *I128, *Ptr, *Void;

  // ---------------------------------------------------------------- helpers

  static bool isRuntimeHelper(const Function &F) {
    return F.getName().starts_with("__sbf_");
  }

  Function *helper(StringRef Name) {
    Function *F = M.getFunction(Name);
    if (!F || F->isDeclaration())
      fail("runtime helper '" + Name + "' is missing (is sbf_rt.bc linked?)");
    return F;
  }

  // A compiler_builtins routine (soft float). They are kept alive through
  // optimization by the linker script's export list and dropped afterwards.
  Function *builtin(StringRef Name, const Function &User) {
    Function *F = M.getFunction(Name);
    if (!F || F->isDeclaration())
      fail("'" + User.getName() + "' needs compiler_builtins routine '" + Name +
           "', which is not in the module");
    return F;
  }

  FunctionCallee syscall(StringRef Name, FunctionType *Ty) {
    FunctionCallee C = M.getOrInsertFunction(Name, Ty);
    if (auto *F = dyn_cast<Function>(C.getCallee()))
      if (F->getFunctionType() != Ty)
        fail("syscall '" + Name + "' is declared with an unexpected type");
    return C;
  }

  static AllocaInst *entryAlloca(IRBuilder<> &B, Type *Ty, const Twine &Name) {
    Function *F = B.GetInsertBlock()->getParent();
    IRBuilder<> EB(&*F->getEntryBlock().getFirstInsertionPt());
    return EB.CreateAlloca(Ty, nullptr, Name);
  }

  Value *lo64(IRBuilder<> &B, Value *V) { return B.CreateTrunc(V, I64); }
  Value *hi64(IRBuilder<> &B, Value *V) {
    return B.CreateTrunc(B.CreateLShr(V, 64), I64);
  }
  Value *join128(IRBuilder<> &B, Value *Lo, Value *Hi) {
    return B.CreateOr(B.CreateShl(B.CreateZExt(Hi, I128), 64),
                      B.CreateZExt(Lo, I128));
  }

  // Calls `Callee` (a real function of the module) with arguments converted
  // to its parameter types; returns the result converted to `RetTy`.
  Value *callTyped(IRBuilder<> &B, Function *Callee, ArrayRef<Value *> Args) {
    FunctionType *FT = Callee->getFunctionType();
    if (FT->getNumParams() != Args.size())
      fail("unexpected signature of '" + Callee->getName() + "'");
    SmallVector<Value *, 4> Conv;
    for (unsigned I = 0; I < Args.size(); ++I) {
      Type *PT = FT->getParamType(I);
      Value *A = Args[I];
      if (A->getType() != PT)
        A = PT->isIntegerTy() && A->getType()->isIntegerTy()
                ? B.CreateZExtOrTrunc(A, PT)
                : B.CreateBitCast(A, PT);
      Conv.push_back(A);
    }
    return B.CreateCall(Callee, Conv);
  }

  // ------------------------------------------------------- 1. attributes

  // The BPF backend rejects any function with an `sret` parameter
  // ("aggregate returns are not supported"), even though the return itself
  // is void. The attribute is only an ABI marker; on BPF the pointer is an
  // ordinary argument either way, so it is dropped from definitions and calls.
  void stripTargetAttributes() {
    for (Function &F : M) {
      F.removeFnAttr("target-cpu");
      F.removeFnAttr("target-features");
      for (unsigned I = 0; I < F.arg_size(); ++I)
        F.removeParamAttr(I, Attribute::StructRet);
      for (Instruction &I : instructions(F))
        if (auto *CB = dyn_cast<CallBase>(&I))
          for (unsigned A = 0; A < CB->arg_size(); ++A)
            CB->removeParamAttr(A, Attribute::StructRet);
    }
  }

  // ----------------------------------------------- 2. instruction lowering

  void lowerInstructions() {
    for (Function &F : M) {
      if (F.isDeclaration() || isRuntimeHelper(F))
        continue;
      recoverRemainders(F);
      SmallVector<Instruction *, 64> Work;
      for (Instruction &I : instructions(F))
        if (needsLowering(I))
          Work.push_back(&I);
      // Lowering adds instructions inside blocks but never changes the CFG,
      // so one dominator tree serves the whole function.
      DivRems.clear();
      DT.reset();
      for (Instruction *I : Work)
        lower(*I);
    }
  }

  // LLVM's DivRemPairs pass rewrites `x % d` next to `x / d` as
  // `x - (x / d) * d` when the target has no combined instruction. For i128
  // that costs a 128-bit multiply after the division helper, which already
  // computes the remainder: turn the pattern back into `urem`/`srem` so that
  // the pair is lowered to one helper call (see divRem128).
  void recoverRemainders(Function &F) {
    SmallVector<std::pair<BinaryOperator *, BinaryOperator *>, 8> Found; // (sub, div)
    for (Instruction &I : instructions(F)) {
      auto *Div = dyn_cast<BinaryOperator>(&I);
      if (!Div || !Div->getType()->isIntegerTy(128) ||
          (Div->getOpcode() != Instruction::UDiv && Div->getOpcode() != Instruction::SDiv))
        continue;
      Value *X = Div->getOperand(0), *D = Div->getOperand(1);
      for (User *U : Div->users()) {
        auto *Mul = dyn_cast<BinaryOperator>(U);
        if (!Mul || Mul->getOpcode() != Instruction::Mul ||
            (Mul->getOperand(0) != D && Mul->getOperand(1) != D))
          continue;
        for (User *V : Mul->users()) {
          auto *Sub = dyn_cast<BinaryOperator>(V);
          if (Sub && Sub->getOpcode() == Instruction::Sub && Sub->getOperand(0) == X &&
              Sub->getOperand(1) == Mul)
            Found.push_back({Sub, Div});
        }
      }
    }
    for (auto [Sub, Div] : Found) {
      auto Op = Div->getOpcode() == Instruction::UDiv ? Instruction::URem : Instruction::SRem;
      auto *Rem = BinaryOperator::Create(Op, Div->getOperand(0), Div->getOperand(1),
                                         Sub->getName() + ".rem", Sub->getIterator());
      Sub->replaceAllUsesWith(Rem);
      Instruction *Mul = cast<Instruction>(Sub->getOperand(1));
      Sub->eraseFromParent();
      if (Mul->use_empty())
        Mul->eraseFromParent();
    }
  }

  // Quotient and remainder already computed for an (x, d, signed) triple in
  // the current function; a later udiv/urem (sdiv/srem) of the same operands
  // reuses them when the first computation dominates it.
  struct DivRemResult {
    Instruction *At; // the helper call
    Value *Q, *R;
  };
  std::map<std::tuple<Value *, Value *, bool>, DivRemResult> DivRems;
  std::unique_ptr<DominatorTree> DT;

  static bool isFP(Type *T) { return T->isFloatTy() || T->isDoubleTy(); }

  bool needsLowering(Instruction &I) {
    if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
      switch (II->getIntrinsicID()) {
      case Intrinsic::memcpy:
      case Intrinsic::memmove:
      case Intrinsic::memset:
        return !memOpStaysInline(*II);
      case Intrinsic::memcpy_inline:
      case Intrinsic::memset_inline:
        return false;
      case Intrinsic::trap:
      case Intrinsic::ubsantrap:
        return true;
      case Intrinsic::umul_with_overflow:
      case Intrinsic::smul_with_overflow: {
        unsigned W = II->getArgOperand(0)->getType()->getIntegerBitWidth();
        return W == 64 || W == 128;
      }
      case Intrinsic::fptoui_sat:
      case Intrinsic::fptosi_sat:
        return true;
      case Intrinsic::is_fpclass: // expanded to integer tests by the backend
        return false;
      default:
        for (Value *Op : II->args())
          if (isFP(Op->getType()) && !isa<MetadataAsValue>(Op))
            return true;
        return isFP(II->getType());
      }
    }
    if (auto *BO = dyn_cast<BinaryOperator>(&I)) {
      Type *T = BO->getType();
      if (isFP(T))
        return true;
      if (!T->isIntegerTy())
        return false;
      unsigned W = T->getIntegerBitWidth();
      switch (BO->getOpcode()) {
      case Instruction::SDiv:
      case Instruction::SRem:
        return true;
      case Instruction::Mul:
      case Instruction::UDiv:
      case Instruction::URem:
        return W > 64;
      case Instruction::Shl:
      case Instruction::LShr:
      case Instruction::AShr:
        return W > 64 && !isa<ConstantInt>(BO->getOperand(1));
      default:
        return false;
      }
    }
    if (isa<UnaryOperator>(I) && isFP(I.getType()))
      return true; // fneg
    if (isa<FCmpInst>(I))
      return true;
    if (auto *CI = dyn_cast<CastInst>(&I)) {
      switch (CI->getOpcode()) {
      case Instruction::FPToUI:
      case Instruction::FPToSI:
      case Instruction::UIToFP:
      case Instruction::SIToFP:
      case Instruction::FPExt:
      case Instruction::FPTrunc:
        return true;
      default:
        return false;
      }
    }
    return false;
  }

  bool memOpStaysInline(IntrinsicInst &II) {
    auto *Len = dyn_cast<ConstantInt>(II.getArgOperand(2));
    if (!Len)
      return false;
    uint64_t Align = 1;
    if (auto *MI = dyn_cast<MemIntrinsic>(&II))
      Align = std::min<uint64_t>(8, MI->getDestAlign().valueOrOne().value());
    if (auto *MT = dyn_cast<MemTransferInst>(&II))
      Align = std::min<uint64_t>(Align, MT->getSourceAlign().valueOrOne().value());
    return divideCeil(Len->getZExtValue(), Align) <= InlineMemOpLimit;
  }

  void lower(Instruction &I) {
    IRBuilder<> B(&I);
    Function &F = *I.getFunction();
    Value *New = nullptr;

    if (auto *II = dyn_cast<IntrinsicInst>(&I)) {
      switch (II->getIntrinsicID()) {
      case Intrinsic::memcpy:
      case Intrinsic::memmove: {
        // sol_memmove_ also covers memcpy: sol_memcpy_ rejects dst == src,
        // which LLVM's memcpy permits.
        auto *FT = FunctionType::get(Void, {Ptr, Ptr, I64}, false);
        B.CreateCall(syscall("sol_memmove_", FT),
                     {II->getArgOperand(0), II->getArgOperand(1),
                      B.CreateZExtOrTrunc(II->getArgOperand(2), I64)});
        II->eraseFromParent();
        return;
      }
      case Intrinsic::memset: {
        auto *FT = FunctionType::get(Void, {Ptr, I8, I64}, false);
        B.CreateCall(syscall("sol_memset_", FT),
                     {II->getArgOperand(0), II->getArgOperand(1),
                      B.CreateZExtOrTrunc(II->getArgOperand(2), I64)});
        II->eraseFromParent();
        return;
      }
      case Intrinsic::trap:
      case Intrinsic::ubsantrap: {
        auto *FT = FunctionType::get(Void, {}, false);
        CallInst *C = B.CreateCall(syscall("abort", FT), {});
        C->setDoesNotReturn();
        II->eraseFromParent();
        return;
      }
      case Intrinsic::umul_with_overflow:
        New = lowerUMulO(B, II->getArgOperand(0), II->getArgOperand(1), II->getType());
        break;
      case Intrinsic::smul_with_overflow:
        New = lowerSMulO(B, II->getArgOperand(0), II->getArgOperand(1), II->getType());
        break;
      case Intrinsic::fptoui_sat:
      case Intrinsic::fptosi_sat:
        New = lowerFPToIntSat(B, II->getArgOperand(0), II->getType(),
                              II->getIntrinsicID() == Intrinsic::fptosi_sat, F);
        break;
      case Intrinsic::fabs: {
        Value *X = II->getArgOperand(0);
        Type *IT = B.getIntNTy(X->getType()->getPrimitiveSizeInBits());
        Value *Bits = B.CreateBitCast(X, IT);
        APInt Mask = APInt::getSignedMaxValue(IT->getIntegerBitWidth());
        New = B.CreateBitCast(B.CreateAnd(Bits, ConstantInt::get(IT, Mask)),
                              X->getType());
        break;
      }
      default:
        fail("'" + F.getName() + "' uses floating-point intrinsic '" +
             II->getCalledFunction()->getName() +
             "', which SBPF cannot lower (no libm on-chain)");
      }
    } else if (auto *BO = dyn_cast<BinaryOperator>(&I)) {
      if (isFP(BO->getType()))
        New = lowerFPBinary(B, *BO, F);
      else
        New = lowerIntBinary(B, *BO);
    } else if (isa<UnaryOperator>(I)) { // fneg
      Value *X = I.getOperand(0);
      Type *IT = B.getIntNTy(X->getType()->getPrimitiveSizeInBits());
      Value *Bits = B.CreateBitCast(X, IT);
      APInt Sign = APInt::getSignMask(IT->getIntegerBitWidth());
      New = B.CreateBitCast(B.CreateXor(Bits, ConstantInt::get(IT, Sign)),
                            X->getType());
    } else if (auto *FC = dyn_cast<FCmpInst>(&I)) {
      New = lowerFCmp(B, *FC, F);
    } else if (auto *CI = dyn_cast<CastInst>(&I)) {
      New = lowerFPCast(B, *CI, F);
    }

    if (!New)
      fail("internal: no lowering produced for an instruction in '" + F.getName() + "'");
    // `I` is about to go away: forget division results keyed on it.
    for (auto It = DivRems.begin(); It != DivRems.end();) {
      if (std::get<0>(It->first) == &I || std::get<1>(It->first) == &I)
        It = DivRems.erase(It);
      else
        ++It;
    }
    I.replaceAllUsesWith(New);
    I.eraseFromParent();
  }

  // --- integers

  Value *lowerIntBinary(IRBuilder<> &B, BinaryOperator &BO) {
    Value *A = BO.getOperand(0), *C = BO.getOperand(1);
    Type *T = BO.getType();
    unsigned W = T->getIntegerBitWidth();
    switch (BO.getOpcode()) {
    case Instruction::Mul: {
      if (W > 128 && W <= 256)
        return lowerWideningMul(B, A, C, T);
      if (W != 128)
        fail("multiplication of i" + Twine(W) + " is not supported");
      // Cross products whose high limb is known to be zero (operands
      // zero-extended from u64, as in `a as u128 * b as u128`) are skipped.
      Value *AL = lo64(B, A), *CL = lo64(B, C);
      Value *Lo = B.CreateMul(AL, CL);
      Value *Hi = B.CreateCall(helper("__sbf_mulhu64"), {AL, CL});
      if (!highLimbIsZero(C))
        Hi = B.CreateAdd(Hi, B.CreateMul(AL, hi64(B, C)));
      if (!highLimbIsZero(A))
        Hi = B.CreateAdd(Hi, B.CreateMul(hi64(B, A), CL));
      return join128(B, Lo, Hi);
    }
    case Instruction::UDiv:
    case Instruction::URem: {
      if (W != 128)
        fail("division of i" + Twine(W) + " is not supported");
      auto [Q, R] = divRem128(B, BO, /*Signed=*/false);
      return BO.getOpcode() == Instruction::UDiv ? Q : R;
    }
    case Instruction::SDiv:
    case Instruction::SRem:
      return lowerSignedDiv(B, BO);
    case Instruction::Shl:
    case Instruction::LShr:
    case Instruction::AShr:
      if (W != 128)
        fail("variable shift of i" + Twine(W) + " is not supported");
      return lowerShift128(B, BO.getOpcode(), A, C);
    default:
      fail("internal: unexpected integer operation");
    }
  }

  // Value of V as an i128 if its known bits prove it fits in 128 bits (a zext
  // from i128, a constant, a right shift of a wider value), else null.
  Value *narrowTo128(IRBuilder<> &B, Value *V) {
    KnownBits Known = computeKnownBits(V, M.getDataLayout());
    if (Known.countMaxActiveBits() > 128)
      return nullptr;
    return B.CreateTrunc(V, I128);
  }

  bool highLimbIsZero(Value *V) {
    return computeKnownBits(V, M.getDataLayout()).countMinLeadingZeros() >= 64;
  }

  Value *mul64Wide(IRBuilder<> &B, Value *X, Value *Y) {
    return join128(B, B.CreateMul(X, Y), B.CreateCall(helper("__sbf_mulhu64"), {X, Y}));
  }

  // LLVM turns u128 division by a constant (u128 formatting divides by 10^19)
  // into `trunc(lshr(mul i256 (zext a), magic))`. The full product of two
  // 128-bit values is assembled from four 64x64->128 products; the additions
  // and constant shifts on the wide type are lowered inline by the backend.
  Value *lowerWideningMul(IRBuilder<> &B, Value *A, Value *C, Type *T) {
    Value *NA = narrowTo128(B, A), *NC = narrowTo128(B, C);
    if (!NA || !NC)
      fail("multiplication of i" + Twine(T->getIntegerBitWidth()) +
           " with operands wider than 128 bits is not supported");
    Value *A0 = lo64(B, NA), *A1 = hi64(B, NA), *C0 = lo64(B, NC), *C1 = hi64(B, NC);
    Value *P00 = B.CreateZExt(mul64Wide(B, A0, C0), T);
    Value *P01 = B.CreateZExt(mul64Wide(B, A0, C1), T);
    Value *P10 = B.CreateZExt(mul64Wide(B, A1, C0), T);
    Value *P11 = B.CreateZExt(mul64Wide(B, A1, C1), T);
    Value *Mid = B.CreateAdd(P01, P10); // < 2^129, no wrap in i256
    Value *R = B.CreateAdd(P00, B.CreateShl(Mid, 64));
    return B.CreateAdd(R, B.CreateShl(P11, 128));
  }

  // Quotient and remainder of an i128 division `BO` (udiv/urem, or
  // sdiv/srem when Signed): one helper call per (x, d) pair, shared with the
  // other half of the pair when that one was lowered first and dominates BO.
  std::pair<Value *, Value *> divRem128(IRBuilder<> &B, BinaryOperator &BO, bool Signed) {
    Value *A = BO.getOperand(0), *C = BO.getOperand(1);
    auto Key = std::make_tuple(A, C, Signed);
    auto It = DivRems.find(Key);
    if (It != DivRems.end()) {
      if (!DT)
        DT = std::make_unique<DominatorTree>(*BO.getFunction());
      if (DT->dominates(It->second.At, &BO))
        return {It->second.Q, It->second.R};
    }
    Instruction *At = nullptr;
    Value *Q, *R;
    if (Signed) {
      // |a| / |b| with the sign fixed up: the quotient rounds toward zero
      // and the remainder takes the dividend's sign, exactly as sdiv/srem
      // (the overflow case is poison in IR already).
      Value *SA = B.CreateAShr(A, 127); // 0 or -1
      Value *SC = B.CreateAShr(C, 127);
      Value *AbsA = B.CreateSub(B.CreateXor(A, SA), SA);
      Value *AbsC = B.CreateSub(B.CreateXor(C, SC), SC);
      auto [UQ, UR] = udivmod128(B, AbsA, AbsC, &At);
      Value *S = B.CreateXor(SA, SC);
      Q = B.CreateSub(B.CreateXor(UQ, S), S);
      R = B.CreateSub(B.CreateXor(UR, SA), SA);
    } else {
      std::tie(Q, R) = udivmod128(B, A, C, &At);
    }
    DivRems[Key] = {At, Q, R};
    return {Q, R};
  }

  std::pair<Value *, Value *> udivmod128(IRBuilder<> &B, Value *N, Value *D,
                                         Instruction **Call = nullptr) {
    AllocaInst *Out = entryAlloca(B, ArrayType::get(I64, 4), "udivmod.out");
    CallInst *CI = B.CreateCall(helper("__sbf_udivmod128"),
                                {Out, lo64(B, N), hi64(B, N), lo64(B, D), hi64(B, D)});
    if (Call)
      *Call = CI;
    Value *Q = B.CreateAlignedLoad(I128, Out, Align(8));
    Value *R = B.CreateAlignedLoad(
        I128, B.CreateConstInBoundsGEP1_64(I8, Out, 16), Align(8));
    return {Q, R};
  }

  // Signed division through unsigned: |a| / |b| with the sign fixed up.
  // Quotient rounds toward zero and the remainder takes the dividend's sign,
  // exactly as `sdiv`/`srem` (overflow cases are poison in IR already).
  Value *lowerSignedDiv(IRBuilder<> &B, BinaryOperator &BO) {
    Type *T = BO.getType();
    unsigned W = T->getIntegerBitWidth();
    Type *WT = W <= 64 ? I64 : I128;
    if (W > 128)
      fail("signed division of i" + Twine(W) + " is not supported");
    if (W == 128) {
      auto [Q, R] = divRem128(B, BO, /*Signed=*/true);
      return B.CreateTrunc(BO.getOpcode() == Instruction::SDiv ? Q : R, T);
    }
    Value *A = B.CreateSExt(BO.getOperand(0), WT);
    Value *C = B.CreateSExt(BO.getOperand(1), WT);
    unsigned WW = WT->getIntegerBitWidth();
    Value *SA = B.CreateAShr(A, WW - 1); // 0 or -1
    Value *SC = B.CreateAShr(C, WW - 1);
    Value *AbsA = B.CreateSub(B.CreateXor(A, SA), SA);
    Value *AbsC = B.CreateSub(B.CreateXor(C, SC), SC);
    Value *Res;
    if (BO.getOpcode() == Instruction::SDiv) {
      Value *Q = WW == 64 ? B.CreateUDiv(AbsA, AbsC) : udivmod128(B, AbsA, AbsC).first;
      Value *S = B.CreateXor(SA, SC);
      Res = B.CreateSub(B.CreateXor(Q, S), S);
    } else {
      Value *R = WW == 64 ? B.CreateURem(AbsA, AbsC) : udivmod128(B, AbsA, AbsC).second;
      Res = B.CreateSub(B.CreateXor(R, SA), SA);
    }
    return B.CreateTrunc(Res, T);
  }

  // 128-bit shift by a variable amount, using only 64-bit shifts by 0..63.
  Value *lowerShift128(IRBuilder<> &B, unsigned Op, Value *V, Value *Amt) {
    Value *Lo = lo64(B, V), *Hi = hi64(B, V);
    Value *N = B.CreateAnd(B.CreateTrunc(Amt, I64), 127);
    Value *S = B.CreateAnd(N, 63);
    Value *Big = B.CreateICmpUGE(N, B.getInt64(64));
    Value *Inv = B.CreateSub(B.getInt64(63), S); // 63 - s, in 0..63
    Value *NewLo, *NewHi;
    if (Op == Instruction::Shl) {
      // hi' = hi << s | lo >> (64 - s), written as (lo >> 1) >> (63 - s) so
      // that s == 0 needs no special case.
      Value *SmallHi = B.CreateOr(B.CreateShl(Hi, S),
                                  B.CreateLShr(B.CreateLShr(Lo, 1), Inv));
      Value *SmallLo = B.CreateShl(Lo, S);
      NewHi = B.CreateSelect(Big, B.CreateShl(Lo, S), SmallHi);
      NewLo = B.CreateSelect(Big, B.getInt64(0), SmallLo);
    } else {
      bool Arith = Op == Instruction::AShr;
      Value *SmallLo = B.CreateOr(B.CreateLShr(Lo, S),
                                  B.CreateShl(B.CreateShl(Hi, 1), Inv));
      Value *SmallHi = Arith ? B.CreateAShr(Hi, S) : B.CreateLShr(Hi, S);
      Value *BigLo = Arith ? B.CreateAShr(Hi, S) : B.CreateLShr(Hi, S);
      Value *BigHi = Arith ? B.CreateAShr(Hi, 63) : B.getInt64(0);
      NewLo = B.CreateSelect(Big, BigLo, SmallLo);
      NewHi = B.CreateSelect(Big, BigHi, SmallHi);
    }
    return join128(B, NewLo, NewHi);
  }

  Value *pairResult(IRBuilder<> &B, Type *StructTy, Value *Val, Value *Ovf) {
    Value *R = UndefValue::get(StructTy);
    R = B.CreateInsertValue(R, Val, 0);
    return B.CreateInsertValue(R, Ovf, 1);
  }

  Value *lowerUMulO(IRBuilder<> &B, Value *A, Value *C, Type *RetTy) {
    unsigned W = A->getType()->getIntegerBitWidth();
    if (W == 64) {
      // Overflow iff a != 0 and (a * b) / a != b; SBPF has a 1-CU udiv.
      Value *P = B.CreateMul(A, C);
      Value *ANZ = B.CreateICmpNE(A, B.getInt64(0));
      Value *Div = B.CreateSelect(ANZ, A, B.getInt64(1));
      Value *Ovf = B.CreateAnd(ANZ, B.CreateICmpNE(B.CreateUDiv(P, Div), C));
      return pairResult(B, RetTy, P, Ovf);
    }
    AllocaInst *Out = entryAlloca(B, I128, "umulo.out");
    Value *Ovf = B.CreateCall(helper("__sbf_umulo128"),
                              {Out, lo64(B, A), hi64(B, A), lo64(B, C), hi64(B, C)});
    return pairResult(B, RetTy, B.CreateAlignedLoad(I128, Out, Align(8)), Ovf);
  }

  Value *lowerSMulO(IRBuilder<> &B, Value *A, Value *C, Type *RetTy) {
    unsigned W = A->getType()->getIntegerBitWidth();
    if (W == 64) {
      // High word of the signed product from the unsigned one:
      // mulhs(a, b) = mulhu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0).
      Value *Lo = B.CreateMul(A, C);
      Value *Hi = B.CreateCall(helper("__sbf_mulhu64"), {A, C});
      Value *Zero = B.getInt64(0);
      Hi = B.CreateSub(Hi, B.CreateSelect(B.CreateICmpSLT(A, Zero), C, Zero));
      Hi = B.CreateSub(Hi, B.CreateSelect(B.CreateICmpSLT(C, Zero), A, Zero));
      Value *Ovf = B.CreateICmpNE(Hi, B.CreateAShr(Lo, 63));
      return pairResult(B, RetTy, Lo, Ovf);
    }
    AllocaInst *Out = entryAlloca(B, I128, "smulo.out");
    Value *Ovf = B.CreateCall(helper("__sbf_smulo128"),
                              {Out, lo64(B, A), hi64(B, A), lo64(B, C), hi64(B, C)});
    return pairResult(B, RetTy, B.CreateAlignedLoad(I128, Out, Align(8)), Ovf);
  }

  // --- floating point (soft float from compiler_builtins)

  static StringRef fpSuffix(Type *T) { return T->isDoubleTy() ? "df" : "sf"; }

  Value *lowerFPBinary(IRBuilder<> &B, BinaryOperator &BO, Function &F) {
    StringRef Op;
    switch (BO.getOpcode()) {
    case Instruction::FAdd: Op = "add"; break;
    case Instruction::FSub: Op = "sub"; break;
    case Instruction::FMul: Op = "mul"; break;
    case Instruction::FDiv: Op = "div"; break;
    default:
      fail("'" + F.getName() + "' uses floating-point remainder, which SBPF cannot lower");
    }
    std::string Name = ("__" + Op + fpSuffix(BO.getType()) + "3").str();
    return callTyped(B, builtin(Name, F), {BO.getOperand(0), BO.getOperand(1)});
  }

  // compiler_builtins comparison routines return <0, 0, >0; __le/__lt return
  // 1 and __ge/__gt return -1 for unordered operands, __unord returns != 0.
  Value *cmpCall(IRBuilder<> &B, StringRef Which, Value *X, Value *Y, Function &F) {
    std::string Name = ("__" + Which + fpSuffix(X->getType()) + "2").str();
    Value *R = callTyped(B, builtin(Name, F), {X, Y});
    return B.CreateSExtOrTrunc(R, I64);
  }

  Value *lowerFCmp(IRBuilder<> &B, FCmpInst &FC, Function &F) {
    Value *X = FC.getOperand(0), *Y = FC.getOperand(1);
    Value *Zero = B.getInt64(0);
    auto Unord = [&] { return B.CreateICmpNE(cmpCall(B, "unord", X, Y, F), Zero); };
    switch (FC.getPredicate()) {
    case FCmpInst::FCMP_FALSE: return B.getFalse();
    case FCmpInst::FCMP_TRUE: return B.getTrue();
    case FCmpInst::FCMP_OEQ: return B.CreateICmpEQ(cmpCall(B, "eq", X, Y, F), Zero);
    case FCmpInst::FCMP_UNE: return B.CreateICmpNE(cmpCall(B, "ne", X, Y, F), Zero);
    case FCmpInst::FCMP_OGT: return B.CreateICmpSGT(cmpCall(B, "gt", X, Y, F), Zero);
    case FCmpInst::FCMP_OGE: return B.CreateICmpSGE(cmpCall(B, "ge", X, Y, F), Zero);
    case FCmpInst::FCMP_OLT: return B.CreateICmpSLT(cmpCall(B, "lt", X, Y, F), Zero);
    case FCmpInst::FCMP_OLE: return B.CreateICmpSLE(cmpCall(B, "le", X, Y, F), Zero);
    case FCmpInst::FCMP_UGT: return B.CreateICmpSGT(cmpCall(B, "le", X, Y, F), Zero);
    case FCmpInst::FCMP_UGE: return B.CreateICmpSGE(cmpCall(B, "lt", X, Y, F), Zero);
    case FCmpInst::FCMP_ULT: return B.CreateICmpSLT(cmpCall(B, "ge", X, Y, F), Zero);
    case FCmpInst::FCMP_ULE: return B.CreateICmpSLE(cmpCall(B, "gt", X, Y, F), Zero);
    case FCmpInst::FCMP_UNO: return Unord();
    case FCmpInst::FCMP_ORD: return B.CreateNot(Unord());
    case FCmpInst::FCMP_UEQ:
      return B.CreateOr(Unord(), B.CreateICmpEQ(cmpCall(B, "eq", X, Y, F), Zero));
    case FCmpInst::FCMP_ONE:
      return B.CreateAnd(B.CreateNot(Unord()),
                         B.CreateICmpNE(cmpCall(B, "eq", X, Y, F), Zero));
    default:
      fail("internal: unknown fcmp predicate");
    }
  }

  Value *lowerFPCast(IRBuilder<> &B, CastInst &CI, Function &F) {
    Type *Src = CI.getSrcTy(), *Dst = CI.getDestTy();
    Value *V = CI.getOperand(0);
    switch (CI.getOpcode()) {
    case Instruction::FPExt:
      if (!Src->isFloatTy() || !Dst->isDoubleTy())
        break;
      return callTyped(B, builtin("__extendsfdf2", F), {V});
    case Instruction::FPTrunc:
      if (!Src->isDoubleTy() || !Dst->isFloatTy())
        break;
      return callTyped(B, builtin("__truncdfsf2", F), {V});
    case Instruction::FPToUI:
    case Instruction::FPToSI: {
      if (Dst->getIntegerBitWidth() > 64)
        break;
      bool Signed = CI.getOpcode() == Instruction::FPToSI;
      std::string Name =
          ("__fix" + Twine(Signed ? "" : "uns") + fpSuffix(Src) + "di").str();
      return B.CreateTrunc(callTyped(B, builtin(Name, F), {V}), Dst);
    }
    case Instruction::UIToFP:
    case Instruction::SIToFP: {
      if (Src->getIntegerBitWidth() > 64)
        break;
      bool Signed = CI.getOpcode() == Instruction::SIToFP;
      Value *Wide = Signed ? B.CreateSExt(V, I64) : B.CreateZExt(V, I64);
      std::string Name =
          ("__float" + Twine(Signed ? "" : "un") + "di" + fpSuffix(Dst)).str();
      return callTyped(B, builtin(Name, F), {Wide});
    }
    default:
      break;
    }
    fail("'" + F.getName() + "' uses an unsupported floating-point conversion");
  }

  // Rust's `float as int`: saturating, NaN -> 0.
  Value *lowerFPToIntSat(IRBuilder<> &B, Value *X, Type *Dst, bool Signed, Function &F) {
    unsigned W = Dst->getIntegerBitWidth();
    if (W > 64)
      fail("'" + F.getName() + "' converts a float to i" + Twine(W));
    Type *FT = X->getType();
    auto FPConst = [&](double D) { return ConstantFP::get(FT, D); };
    Value *Zero = B.getInt64(0);
    Value *IsNaN = B.CreateICmpNE(cmpCall(B, "unord", X, X, F), Zero);
    Value *Res;
    if (Signed) {
      double Lo = -std::ldexp(1.0, W - 1), Hi = std::ldexp(1.0, W - 1);
      Value *Conv = callTyped(B, builtin(("__fix" + fpSuffix(FT) + "di").str(), F), {X});
      Value *TooLow = B.CreateICmpSLE(cmpCall(B, "le", X, FPConst(Lo), F), Zero);
      Value *TooHigh = B.CreateICmpSGE(cmpCall(B, "ge", X, FPConst(Hi), F), Zero);
      APInt Min = APInt::getSignedMinValue(W).sext(64);
      APInt Max = APInt::getSignedMaxValue(W).sext(64);
      Res = B.CreateSelect(TooLow, B.getInt(Min), Conv);
      Res = B.CreateSelect(TooHigh, B.getInt(Max), Res);
    } else {
      double Hi = std::ldexp(1.0, W);
      Value *Conv = callTyped(B, builtin(("__fixuns" + fpSuffix(FT) + "di").str(), F), {X});
      // x <= 0 (including -0.0 and (-1, 0)) saturates/truncates to 0.
      Value *NonPos = B.CreateICmpSLE(cmpCall(B, "le", X, FPConst(0.0), F), Zero);
      Value *TooHigh = B.CreateICmpSGE(cmpCall(B, "ge", X, FPConst(Hi), F), Zero);
      Res = B.CreateSelect(NonPos, Zero, Conv);
      Res = B.CreateSelect(TooHigh, B.getInt(APInt::getMaxValue(W).zext(64)), Res);
    }
    Res = B.CreateSelect(IsNaN, Zero, Res);
    return B.CreateTrunc(Res, Dst);
  }

  // -------------------------------------------- 3./4. signature legalization

  static unsigned argSlots(Type *T) {
    if (T->isIntegerTy() && T->getIntegerBitWidth() > 64)
      return (T->getIntegerBitWidth() + 63) / 64;
    return 1;
  }

  static bool wideReturn(Type *R) {
    if (R->isVoidTy() || R->isPointerTy() || R->isFloatTy() || R->isDoubleTy())
      return false;
    if (R->isIntegerTy())
      return R->getIntegerBitWidth() > 64;
    return true; // structs, arrays, vectors
  }

  // The legal form of a function type: returns that do not fit r0 go to an
  // out-pointer in front; then, if more than five registers are needed, the
  // trailing arguments go into a struct passed by pointer.
  struct Plan {
    bool Sret = false;
    unsigned KeepInRegs = 0; // leading (post-sret) params kept as registers
    bool Pack = false;
    StructType *PackTy = nullptr;
    FunctionType *NewTy = nullptr;
  };

  std::optional<Plan> planFor(FunctionType *FT) {
    if (FT->isVarArg())
      return std::nullopt;
    Plan P;
    P.Sret = wideReturn(FT->getReturnType());
    SmallVector<Type *, 8> Params;
    if (P.Sret)
      Params.push_back(Ptr);
    unsigned Slots = P.Sret ? 1 : 0;
    for (Type *T : FT->params())
      Slots += argSlots(T);
    Params.append(FT->param_begin(), FT->param_end());
    if (Slots > MaxArgRegs) {
      P.Pack = true;
      unsigned Used = P.Sret ? 1 : 0;
      unsigned Keep = 0;
      for (Type *T : FT->params()) {
        if (Used + argSlots(T) > MaxArgRegs - 1)
          break;
        Used += argSlots(T);
        ++Keep;
      }
      P.KeepInRegs = Keep;
      SmallVector<Type *, 8> Packed(FT->param_begin() + Keep, FT->param_end());
      P.PackTy = StructType::get(Ctx, Packed);
      Params.resize((P.Sret ? 1 : 0) + Keep);
      Params.push_back(Ptr);
    }
    if (!P.Sret && !P.Pack)
      return std::nullopt;
    P.NewTy = FunctionType::get(P.Sret ? Void : FT->getReturnType(), Params, false);
    return P;
  }

  void legalizeSignatures() {
    // Call sites first (their types decide), then definitions.
    SmallVector<CallInst *, 64> Calls;
    for (Function &F : M)
      for (Instruction &I : instructions(F))
        if (auto *CI = dyn_cast<CallInst>(&I)) {
          if (CI->isInlineAsm())
            continue;
          if (Function *Callee = CI->getCalledFunction())
            if (Callee->isIntrinsic())
              continue;
          if (auto *Target = dyn_cast<Function>(CI->getCalledOperand()->stripPointerCasts()))
            if (Target->getFunctionType() != CI->getFunctionType() &&
                (planFor(Target->getFunctionType()) || planFor(CI->getFunctionType())))
              fail("'" + F.getName() + "' calls '" + Target->getName() +
                   "' through a mismatched function type");
          if (CI->isMustTailCall() && planFor(CI->getFunctionType()))
            fail("'" + F.getName() + "' has a musttail call that needs legalizing");
          if (planFor(CI->getFunctionType()))
            Calls.push_back(CI);
        } else if (isa<InvokeInst>(I) || isa<CallBrInst>(I)) {
          fail("'" + F.getName() + "' contains invoke/callbr; build with panic=abort");
        }

    SmallVector<Function *, 32> Funcs;
    for (Function &F : M) {
      if (F.isIntrinsic())
        continue;
      if (F.getFunctionType()->isVarArg())
        fail("variadic function '" + F.getName() + "' is not supported");
      if (planFor(F.getFunctionType())) {
        if (F.isDeclaration())
          fail("external function '" + F.getName() +
               "' has a signature SBPF cannot call (wide return or more than 5 "
               "argument registers)");
        Funcs.push_back(&F);
      }
    }

    for (CallInst *CI : Calls)
      rewriteCall(*CI);
    for (Function *F : Funcs)
      rewriteFunction(*F);
  }

  // After the rewrite the callee reads or writes caller stack memory through
  // the new pointer arguments, so memory-effect attributes no longer hold.
  AttributeSet fnAttrsWithoutMemory(const AttributeList &AL) {
    AttrBuilder AB(Ctx, AL.getFnAttrs());
    AB.removeAttribute(Attribute::Memory);
    AB.removeAttribute(Attribute::Speculatable);
    return AttributeSet::get(Ctx, AB);
  }

  void checkMovableParam(const AttributeSet &AS, const Twine &Where) {
    if (AS.hasAttribute(Attribute::ByVal) || AS.hasAttribute(Attribute::InAlloca) ||
        AS.hasAttribute(Attribute::Preallocated))
      fail(Where + ": a byval/inalloca argument cannot be moved into a packed struct");
  }

  void rewriteCall(CallInst &CI) {
    FunctionType *FT = CI.getFunctionType();
    Plan P = *planFor(FT);
    IRBuilder<> B(&CI);
    const AttributeList &AL = CI.getAttributes();
    SmallVector<Value *, 8> Args;
    SmallVector<AttributeSet, 8> ArgAttrs;
    AllocaInst *Ret = nullptr;
    if (P.Sret) {
      Ret = entryAlloca(B, FT->getReturnType(), "sbf.ret");
      Args.push_back(Ret);
      ArgAttrs.push_back(AttributeSet());
    }
    unsigned N = FT->getNumParams();
    unsigned Keep = P.Pack ? P.KeepInRegs : N;
    for (unsigned I = 0; I < Keep; ++I) {
      Args.push_back(CI.getArgOperand(I));
      ArgAttrs.push_back(AL.getParamAttrs(I));
    }
    if (P.Pack) {
      AllocaInst *Pack = entryAlloca(B, P.PackTy, "sbf.args");
      for (unsigned I = Keep; I < N; ++I) {
        checkMovableParam(AL.getParamAttrs(I), "call in '" + CI.getFunction()->getName() + "'");
        B.CreateStore(CI.getArgOperand(I), B.CreateStructGEP(P.PackTy, Pack, I - Keep));
      }
      Args.push_back(Pack);
      ArgAttrs.push_back(AttributeSet());
    }
    CallInst *New = B.CreateCall(P.NewTy, CI.getCalledOperand(), Args);
    New->setCallingConv(CI.getCallingConv());
    New->setTailCallKind(CallInst::TCK_None);
    New->setAttributes(AttributeList::get(
        Ctx, fnAttrsWithoutMemory(AL), P.Sret ? AttributeSet() : AL.getRetAttrs(), ArgAttrs));
    if (P.Sret) {
      Value *V = B.CreateLoad(FT->getReturnType(), Ret);
      CI.replaceAllUsesWith(V);
    } else {
      CI.replaceAllUsesWith(New);
    }
    CI.eraseFromParent();
  }

  void rewriteFunction(Function &F) {
    FunctionType *FT = F.getFunctionType();
    Plan P = *planFor(FT);
    Function *NF = Function::Create(P.NewTy, F.getLinkage(), F.getAddressSpace(), "", &M);
    NF->takeName(&F);
    NF->copyAttributesFrom(&F);
    NF->setComdat(F.getComdat());
    const AttributeList &AL = F.getAttributes();
    SmallVector<AttributeSet, 8> ArgAttrs;
    if (P.Sret)
      ArgAttrs.push_back(AttributeSet());
    unsigned N = FT->getNumParams();
    unsigned Keep = P.Pack ? P.KeepInRegs : N;
    for (unsigned I = 0; I < Keep; ++I)
      ArgAttrs.push_back(AL.getParamAttrs(I));
    if (P.Pack)
      ArgAttrs.push_back(AttributeSet());
    NF->setAttributes(AttributeList::get(
        Ctx, fnAttrsWithoutMemory(AL), P.Sret ? AttributeSet() : AL.getRetAttrs(), ArgAttrs));

    NF->splice(NF->begin(), &F);

    unsigned NewIdx = 0;
    Argument *RetPtr = P.Sret ? NF->getArg(NewIdx++) : nullptr;
    for (unsigned I = 0; I < Keep; ++I) {
      Argument *Old = F.getArg(I), *New = NF->getArg(NewIdx++);
      New->takeName(Old);
      Old->replaceAllUsesWith(New);
    }
    if (P.Pack) {
      Argument *PackArg = NF->getArg(NewIdx);
      PackArg->setName("sbf.args");
      IRBuilder<> B(&*NF->getEntryBlock().getFirstInsertionPt());
      for (unsigned I = Keep; I < N; ++I) {
        Argument *Old = F.getArg(I);
        checkMovableParam(AL.getParamAttrs(I), "function '" + NF->getName() + "'");
        Value *V = B.CreateLoad(Old->getType(),
                                B.CreateStructGEP(P.PackTy, PackArg, I - Keep),
                                Old->getName());
        Old->replaceAllUsesWith(V);
      }
    }
    if (RetPtr) {
      RetPtr->setName("sbf.ret");
      SmallVector<ReturnInst *, 4> Rets;
      for (BasicBlock &BB : *NF)
        if (auto *R = dyn_cast<ReturnInst>(BB.getTerminator()))
          Rets.push_back(R);
      for (ReturnInst *R : Rets) {
        IRBuilder<> B(R);
        B.CreateStore(R->getReturnValue(), RetPtr);
        B.CreateRetVoid();
        R->eraseFromParent();
      }
    }
    // Remaining uses are address-of (vtables, function pointers); with opaque
    // pointers they can take the new function directly.
    F.replaceAllUsesWith(NF);
    F.eraseFromParent();
  }
};

// Every external declaration left in the fully linked program is a syscall.
// For each one called directly from two or more sites, a local, never-inlined
// `__sbf_syscall.<name>` with the same type calls it once, and every direct
// call goes there instead (noreturn and the other function attributes are
// kept on both). Address-taken uses are left alone.
void addSyscallTrampolines(Module &M) {
  SmallVector<Function *, 32> Syscalls;
  for (Function &F : M)
    if (F.isDeclaration() && !F.isIntrinsic())
      Syscalls.push_back(&F);
  for (Function *F : Syscalls) {
    SmallVector<CallInst *, 64> Calls;
    for (User *U : F->users())
      if (auto *C = dyn_cast<CallInst>(U))
        if (C->getCalledOperand() == F)
          Calls.push_back(C);
    if (Calls.size() < 2)
      continue;
    FunctionType *FT = F->getFunctionType();
    Function *T = Function::Create(FT, GlobalValue::InternalLinkage,
                                   "__sbf_syscall." + F->getName(), M);
    T->setAttributes(F->getAttributes());
    T->setCallingConv(F->getCallingConv());
    T->addFnAttr(Attribute::NoInline);
    T->removeFnAttr(Attribute::AlwaysInline);
    BasicBlock *BB = BasicBlock::Create(M.getContext(), "", T);
    IRBuilder<> B(BB);
    SmallVector<Value *, 5> Args;
    for (Argument &A : T->args())
      Args.push_back(&A);
    CallInst *Inner = B.CreateCall(FT, F, Args);
    Inner->setAttributes(F->getAttributes());
    Inner->setCallingConv(F->getCallingConv());
    if (F->doesNotReturn())
      B.CreateUnreachable();
    else if (FT->getReturnType()->isVoidTy())
      B.CreateRetVoid();
    else
      B.CreateRet(Inner);
    for (CallInst *C : Calls)
      C->setCalledFunction(T);
  }
}

// Anchor builds its errors (`Error::from(code)` for every error type,
// `.with_account_name(..)`, `.with_pubkeys(..)`, `.with_values(..)`) at
// every failing check of every account constraint, and the O3 inliner copies
// each body into each site. They only run when the instruction fails, so they
// are marked cold and never inlined: each site becomes a call, and the
// failing branches are laid out away from the rest. Matched by demangled name
// (sbf-cold-errors, run by sbf-ld before its O3 pipeline).
bool isAnchorErrorConstructor(StringRef Mangled) {
  std::string D = demangle(Mangled.str());
  StringRef N(D);
  if (N.starts_with("<anchor_lang::error::Error>::with_"))
    return true;
  return N.starts_with("<anchor_lang::error::Error as core::convert::From<") &&
         N.ends_with(">>::from");
}

struct SbfColdErrorsPass : PassInfoMixin<SbfColdErrorsPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    bool Changed = false;
    for (Function &F : M) {
      if (F.isDeclaration() || !isAnchorErrorConstructor(F.getName()))
        continue;
      F.removeFnAttr(Attribute::AlwaysInline);
      F.removeFnAttr(Attribute::InlineHint);
      F.addFnAttr(Attribute::NoInline);
      F.addFnAttr(Attribute::Cold);
      Changed = true;
    }
    return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
  }
};

struct SbfSyscallTrampolinesPass : PassInfoMixin<SbfSyscallTrampolinesPass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    addSyscallTrampolines(M);
    if (verifyModule(M, &errs()))
      report_fatal_error("sbf-syscall-trampolines produced invalid IR");
    return PreservedAnalyses::none();
  }
};

struct SbfLegalizePass : PassInfoMixin<SbfLegalizePass> {
  PreservedAnalyses run(Module &M, ModuleAnalysisManager &) {
    Legalizer(M).run();
    return PreservedAnalyses::none();
  }
};

} // namespace

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "SbfLegalize", "1", [](PassBuilder &PB) {
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "sbf-legalize") {
                    MPM.addPass(SbfLegalizePass());
                    return true;
                  }
                  if (Name == "sbf-cold-errors") {
                    MPM.addPass(SbfColdErrorsPass());
                    return true;
                  }
                  if (Name == "sbf-syscall-trampolines") {
                    MPM.addPass(SbfSyscallTrampolinesPass());
                    return true;
                  }
                  return false;
                });
          }};
}
