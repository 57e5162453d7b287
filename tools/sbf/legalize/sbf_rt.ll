; Runtime helpers for the SBF legalization pass (SbfLegalize.cpp).
;
; LLVM 22's BPF backend cannot emit library calls, so 128-bit multiply,
; divide and overflow checks have no lowering. The pass rewrites those IR
; operations into calls to the functions below. Every helper here uses only
; operations the BPF backend lowers inline: 64-bit arithmetic (including
; native unsigned division), and 128-bit add/sub/compare/and/or/shift by a
; constant. No helper takes more than five arguments or returns more than
; 64 bits, so they need no further legalization. Nothing optimizes this file
; after it is linked, so the 32-bit-limb idioms cannot be folded back into
; the 128-bit operations they replace.

target datalayout = "e-m:e-p:64:64-i64:64-i128:128-n32:64-S128"
target triple = "bpfel"

; High 64 bits of the 128-bit product a * b (schoolbook on 32-bit limbs).
; No intermediate sum overflows: cross <= (2^32-1)*2 + (2^32-1)^2 < 2^64.
define hidden i64 @__sbf_mulhu64(i64 %a, i64 %b) {
  %al = and i64 %a, 4294967295
  %ah = lshr i64 %a, 32
  %bl = and i64 %b, 4294967295
  %bh = lshr i64 %b, 32
  %ll = mul i64 %al, %bl
  %hl = mul i64 %ah, %bl
  %lh = mul i64 %al, %bh
  %hh = mul i64 %ah, %bh
  %ll.hi = lshr i64 %ll, 32
  %hl.lo = and i64 %hl, 4294967295
  %hl.hi = lshr i64 %hl, 32
  %c0 = add i64 %ll.hi, %hl.lo
  %cross = add i64 %c0, %lh
  %cross.hi = lshr i64 %cross, 32
  %h0 = add i64 %hh, %hl.hi
  %hi = add i64 %h0, %cross.hi
  ret i64 %hi
}

; Unsigned 128-bit division: out[0..2] = n / d, out[2..4] = n % d (64-bit limbs,
; little-endian). Division by zero is undefined here exactly as for `udiv`;
; Rust checks the divisor before it reaches this point.
; Fast paths: both operands below 2^64 (one native udiv), and a divisor below
; 2^32 (three native udiv steps on 32-bit limbs). Otherwise restoring binary
; division, starting at the highest non-zero 64-bit limb of n.
define hidden void @__sbf_udivmod128(ptr %out, i64 %nl, i64 %nh, i64 %dl, i64 %dh) {
entry:
  %dh.zero = icmp eq i64 %dh, 0
  br i1 %dh.zero, label %d.small, label %general

d.small:
  %nh.zero = icmp eq i64 %nh, 0
  br i1 %nh.zero, label %both64, label %d.small2

both64:
  %q64 = udiv i64 %nl, %dl
  %r64 = urem i64 %nl, %dl
  br label %store.qr64

d.small2:
  %d.fits32 = icmp ule i64 %dl, 4294967295
  br i1 %d.fits32, label %limbs, label %general

limbs:
  %qh = udiv i64 %nh, %dl
  %r1 = urem i64 %nh, %dl
  %t1.a = shl i64 %r1, 32
  %nl.hi = lshr i64 %nl, 32
  %t1 = or i64 %t1.a, %nl.hi
  %q1 = udiv i64 %t1, %dl
  %r2 = urem i64 %t1, %dl
  %t2.a = shl i64 %r2, 32
  %nl.lo = and i64 %nl, 4294967295
  %t2 = or i64 %t2.a, %nl.lo
  %q0 = udiv i64 %t2, %dl
  %r3 = urem i64 %t2, %dl
  %q1.s = shl i64 %q1, 32
  %ql = or i64 %q1.s, %q0
  store i64 %ql, ptr %out, align 8
  %o1 = getelementptr inbounds i8, ptr %out, i64 8
  store i64 %qh, ptr %o1, align 8
  %o2 = getelementptr inbounds i8, ptr %out, i64 16
  store i64 %r3, ptr %o2, align 8
  %o3 = getelementptr inbounds i8, ptr %out, i64 24
  store i64 0, ptr %o3, align 8
  ret void

store.qr64:
  store i64 %q64, ptr %out, align 8
  %p1 = getelementptr inbounds i8, ptr %out, i64 8
  store i64 0, ptr %p1, align 8
  %p2 = getelementptr inbounds i8, ptr %out, i64 16
  store i64 %r64, ptr %p2, align 8
  %p3 = getelementptr inbounds i8, ptr %out, i64 24
  store i64 0, ptr %p3, align 8
  ret void

general:
  %n.l = zext i64 %nl to i128
  %n.h0 = zext i64 %nh to i128
  %n.h = shl i128 %n.h0, 64
  %n = or i128 %n.h, %n.l
  %d.l = zext i64 %dl to i128
  %d.h0 = zext i64 %dh to i128
  %d.h = shl i128 %d.h0, 64
  %d = or i128 %d.h, %d.l
  ; When the high limb of n is zero, pre-shift by 64 and run 64 steps.
  %n.hi.zero = icmp eq i64 %nh, 0
  %q.start.shifted = shl i128 %n.l, 64
  %q.start = select i1 %n.hi.zero, i128 %q.start.shifted, i128 %n
  %steps = select i1 %n.hi.zero, i64 64, i64 128
  br label %loop

loop:
  %i = phi i64 [ %steps, %general ], [ %i.next, %loop ]
  %r = phi i128 [ 0, %general ], [ %r.next, %loop ]
  %q = phi i128 [ %q.start, %general ], [ %q.next, %loop ]
  %r.sh = shl i128 %r, 1
  %q.top = lshr i128 %q, 127
  %r.in = or i128 %r.sh, %q.top
  %q.sh = shl i128 %q, 1
  %ge = icmp uge i128 %r.in, %d
  %r.sub = sub i128 %r.in, %d
  %r.next = select i1 %ge, i128 %r.sub, i128 %r.in
  %q.bit = zext i1 %ge to i128
  %q.next = or i128 %q.sh, %q.bit
  %i.next = sub i64 %i, 1
  %more = icmp ne i64 %i.next, 0
  br i1 %more, label %loop, label %done

done:
  store i128 %q.next, ptr %out, align 8
  %g2 = getelementptr inbounds i8, ptr %out, i64 16
  store i128 %r.next, ptr %g2, align 8
  ret void
}

; Unsigned 128 x 128 -> 128 multiply with overflow flag; out = low 128 bits.
define hidden i1 @__sbf_umulo128(ptr %out, i64 %al, i64 %ah, i64 %bl, i64 %bh) {
  %ll.lo = mul i64 %al, %bl
  %ll.hi = call i64 @__sbf_mulhu64(i64 %al, i64 %bl)
  %c1.lo = mul i64 %ah, %bl
  %c1.hi = call i64 @__sbf_mulhu64(i64 %ah, i64 %bl)
  %c2.lo = mul i64 %al, %bh
  %c2.hi = call i64 @__sbf_mulhu64(i64 %al, i64 %bh)
  %ah.nz = icmp ne i64 %ah, 0
  %bh.nz = icmp ne i64 %bh, 0
  %both = and i1 %ah.nz, %bh.nz
  %c1.ovf = icmp ne i64 %c1.hi, 0
  %c2.ovf = icmp ne i64 %c2.hi, 0
  %cross = add i64 %c1.lo, %c2.lo
  %cross.carry = icmp ult i64 %cross, %c1.lo
  %hi = add i64 %ll.hi, %cross
  %hi.carry = icmp ult i64 %hi, %ll.hi
  %o1 = or i1 %both, %c1.ovf
  %o2 = or i1 %o1, %c2.ovf
  %o3 = or i1 %o2, %cross.carry
  %ovf = or i1 %o3, %hi.carry
  store i64 %ll.lo, ptr %out, align 8
  %hp = getelementptr inbounds i8, ptr %out, i64 8
  store i64 %hi, ptr %hp, align 8
  ret i1 %ovf
}

; Signed 128 x 128 -> 128 multiply with overflow flag; out = low 128 bits.
define hidden i1 @__sbf_smulo128(ptr %out, i64 %al, i64 %ah, i64 %bl, i64 %bh) {
  %a.l = zext i64 %al to i128
  %a.h0 = zext i64 %ah to i128
  %a.h = shl i128 %a.h0, 64
  %a = or i128 %a.h, %a.l
  %b.l = zext i64 %bl to i128
  %b.h0 = zext i64 %bh to i128
  %b.h = shl i128 %b.h0, 64
  %b = or i128 %b.h, %b.l
  %a.neg = icmp slt i64 %ah, 0
  %b.neg = icmp slt i64 %bh, 0
  %a.n = sub i128 0, %a
  %b.n = sub i128 0, %b
  %a.abs = select i1 %a.neg, i128 %a.n, i128 %a
  %b.abs = select i1 %b.neg, i128 %b.n, i128 %b
  %aa.l = trunc i128 %a.abs to i64
  %aa.h0 = lshr i128 %a.abs, 64
  %aa.h = trunc i128 %aa.h0 to i64
  %bb.l = trunc i128 %b.abs to i64
  %bb.h0 = lshr i128 %b.abs, 64
  %bb.h = trunc i128 %bb.h0 to i64
  %tmp = alloca i128, align 8
  %uovf = call i1 @__sbf_umulo128(ptr %tmp, i64 %aa.l, i64 %aa.h, i64 %bb.l, i64 %bb.h)
  %p = load i128, ptr %tmp, align 8
  %neg = xor i1 %a.neg, %b.neg
  %p.n = sub i128 0, %p
  %res = select i1 %neg, i128 %p.n, i128 %p
  ; |result| must be <= 2^127 when negative and < 2^127 when positive.
  %lim.pos = icmp uge i128 %p, 170141183460469231731687303715884105728
  %lim.neg = icmp ugt i128 %p, 170141183460469231731687303715884105728
  %range = select i1 %neg, i1 %lim.neg, i1 %lim.pos
  %ovf = or i1 %uovf, %range
  store i128 %res, ptr %out, align 8
  ret i1 %ovf
}
