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
; little-endian); one call gives both, the pass pairs a udiv with the urem of
; the same operands. Division by zero is undefined here exactly as for `udiv`;
; Rust checks the divisor before it reaches this point.
;
; Every case runs in a bounded number of native 64-bit `udiv`s (SBPF has a
; 1-CU 64/64 divide), no bit-by-bit loop:
;  - n < 2^64 and d < 2^64: one native udiv;
;  - d < 2^32: three native udivs on 32-bit limbs of n (schoolbook);
;  - d < 2^64: qh = nh / d natively, then the 128/64 division of
;    (nh % d, nl) by d with `divlu` below;
;  - d >= 2^64 (the quotient fits 64 bits): Hacker's Delight's "doubleword
;    division from long division" (udivdi3 in section 9-5), one size up: the
;    top 64 bits v1 of d << s (s = clz(dh)) divide (n >> 1) with `divlu`, the
;    estimate q1 >> (63 - s) is too large by at most 1 after a decrement, and
;    one multiply-back corrects it.
; `divlu` is Hacker's Delight's divlu (section 9-4, Knuth's algorithm D with
; 32-bit digits): a 128/64 division (u1:u0) / v with u1 < v; v is normalised
; by s = clz(v) and each 32-bit quotient digit comes from one native 64/32
; udiv, corrected at most twice.
; The algorithm is checked on the host against Rust's u128 (tools/sbf/rt-test).
define hidden void @__sbf_udivmod128(ptr %out, i64 %nl, i64 %nh, i64 %dl, i64 %dh) {
entry:
  %dh.zero = icmp eq i64 %dh, 0
  br i1 %dh.zero, label %d.small, label %d.big

d.small:
  %nh.zero = icmp eq i64 %nh, 0
  br i1 %nh.zero, label %both64, label %d.small2

both64:
  %q64 = udiv i64 %nl, %dl
  %q64.d = mul i64 %q64, %dl
  %r64 = sub i64 %nl, %q64.d
  store i64 %q64, ptr %out, align 8
  %p1 = getelementptr inbounds i8, ptr %out, i64 8
  store i64 0, ptr %p1, align 8
  %p2 = getelementptr inbounds i8, ptr %out, i64 16
  store i64 %r64, ptr %p2, align 8
  %p3 = getelementptr inbounds i8, ptr %out, i64 24
  store i64 0, ptr %p3, align 8
  ret void

d.small2:
  ; High quotient limb natively; what is left, (rh:nl), has rh < d.
  %qh = udiv i64 %nh, %dl
  %qh.d = mul i64 %qh, %dl
  %rh = sub i64 %nh, %qh.d
  %d.fits32 = icmp ule i64 %dl, 4294967295
  br i1 %d.fits32, label %limbs, label %small.norm

limbs:
  %t1.a = shl i64 %rh, 32
  %nl.hi = lshr i64 %nl, 32
  %t1 = or i64 %t1.a, %nl.hi
  %q1 = udiv i64 %t1, %dl
  %q1.d = mul i64 %q1, %dl
  %r2 = sub i64 %t1, %q1.d
  %t2.a = shl i64 %r2, 32
  %nl.lo = and i64 %nl, 4294967295
  %t2 = or i64 %t2.a, %nl.lo
  %q0 = udiv i64 %t2, %dl
  %q0.d = mul i64 %q0, %dl
  %r3 = sub i64 %t2, %q0.d
  %q1.s = shl i64 %q1, 32
  %ql = or i64 %q1.s, %q0
  br label %store.small

small.norm:
  br label %clz

d.big:
  br label %clz

clz:
  ; s = number of leading zeros of x (x != 0), by binary search: SBPF has no
  ; clz instruction, and this is shorter than LLVM's popcount expansion.
  %big.c = phi i1 [ false, %small.norm ], [ true, %d.big ]
  %x0 = phi i64 [ %dl, %small.norm ], [ %dh, %d.big ]
  %rh.c = phi i64 [ %rh, %small.norm ], [ 0, %d.big ]
  %qh.c = phi i64 [ %qh, %small.norm ], [ 0, %d.big ]
  %x0.h = lshr i64 %x0, 32
  %x0.z = icmp eq i64 %x0.h, 0
  %x1.s = shl i64 %x0, 32
  %x1 = select i1 %x0.z, i64 %x1.s, i64 %x0
  %n1 = select i1 %x0.z, i64 32, i64 0
  %x1.h = lshr i64 %x1, 48
  %x1.z = icmp eq i64 %x1.h, 0
  %x2.s = shl i64 %x1, 16
  %x2 = select i1 %x1.z, i64 %x2.s, i64 %x1
  %n2.a = add i64 %n1, 16
  %n2 = select i1 %x1.z, i64 %n2.a, i64 %n1
  %x2.h = lshr i64 %x2, 56
  %x2.z = icmp eq i64 %x2.h, 0
  %x3.s = shl i64 %x2, 8
  %x3 = select i1 %x2.z, i64 %x3.s, i64 %x2
  %n3.a = add i64 %n2, 8
  %n3 = select i1 %x2.z, i64 %n3.a, i64 %n2
  %x3.h = lshr i64 %x3, 60
  %x3.z = icmp eq i64 %x3.h, 0
  %x4.s = shl i64 %x3, 4
  %x4 = select i1 %x3.z, i64 %x4.s, i64 %x3
  %n4.a = add i64 %n3, 4
  %n4 = select i1 %x3.z, i64 %n4.a, i64 %n3
  %x4.h = lshr i64 %x4, 62
  %x4.z = icmp eq i64 %x4.h, 0
  %x5.s = shl i64 %x4, 2
  %x5 = select i1 %x4.z, i64 %x5.s, i64 %x4
  %n5.a = add i64 %n4, 2
  %n5 = select i1 %x4.z, i64 %n5.a, i64 %n4
  %x5.top = lshr i64 %x5, 63
  %x5.z = xor i64 %x5.top, 1
  %s.c = add i64 %n5, %x5.z
  br i1 %big.c, label %big.prep, label %small.prep

small.prep:
  %s.small = add i64 %s.c, 0
  br label %divlu

big.prep:
  ; d >= 2^64: normalise by s = clz(dh); v1 = top 64 bits of d << s.
  %s.big = add i64 %s.c, 0
  %inv.big = sub i64 63, %s.big
  %dh.s = shl i64 %dh, %s.big
  %dl.h = lshr i64 %dl, 1
  %dl.top = lshr i64 %dl.h, %inv.big
  %v1 = or i64 %dh.s, %dl.top
  ; (n >> 1): its high limb is < 2^63 <= v1, so divlu's quotient fits.
  %n1h = lshr i64 %nh, 1
  %nl.h = lshr i64 %nl, 1
  %nh.b = shl i64 %nh, 63
  %n1l = or i64 %nl.h, %nh.b
  br label %divlu

divlu:
  ; (u1:u0) / v, u1 < v, s = clz(v); `big` says which caller continues.
  %u1 = phi i64 [ %rh.c, %small.prep ], [ %n1h, %big.prep ]
  %u0 = phi i64 [ %nl, %small.prep ], [ %n1l, %big.prep ]
  %v = phi i64 [ %dl, %small.prep ], [ %v1, %big.prep ]
  %s = phi i64 [ %s.small, %small.prep ], [ 0, %big.prep ]
  %big = phi i1 [ false, %small.prep ], [ true, %big.prep ]
  %qh.p = phi i64 [ %qh.c, %small.prep ], [ 0, %big.prep ]
  %inv.q = phi i64 [ 0, %small.prep ], [ %inv.big, %big.prep ]
  %inv = sub i64 63, %s
  %vn = shl i64 %v, %s
  %vn1 = lshr i64 %vn, 32
  %vn0 = and i64 %vn, 4294967295
  %u1.s = shl i64 %u1, %s
  %u0.h = lshr i64 %u0, 1
  %u0.top = lshr i64 %u0.h, %inv
  %un32 = or i64 %u1.s, %u0.top
  %un10 = shl i64 %u0, %s
  %un1 = lshr i64 %un10, 32
  %un0 = and i64 %un10, 4294967295
  %qa.0 = udiv i64 %un32, %vn1
  %qa.0d = mul i64 %qa.0, %vn1
  %ra.0 = sub i64 %un32, %qa.0d
  br label %fix.a

fix.a:
  ; while qa >= 2^32 or qa * vn0 > (ra << 32) + un1: qa -= 1, ra += vn1
  ; (stop once ra >= 2^32). At most two rounds.
  %qa = phi i64 [ %qa.0, %divlu ], [ %qa.dec, %fix.a.next ]
  %ra = phi i64 [ %ra.0, %divlu ], [ %ra.inc, %fix.a.next ]
  %qa.big = icmp ugt i64 %qa, 4294967295
  %qa.v0 = mul i64 %qa, %vn0
  %ra.s = shl i64 %ra, 32
  %ra.un1 = or i64 %ra.s, %un1
  %qa.over = icmp ugt i64 %qa.v0, %ra.un1
  %qa.bad = or i1 %qa.big, %qa.over
  br i1 %qa.bad, label %fix.a.dec, label %digit.b

fix.a.dec:
  %qa.dec = add i64 %qa, -1
  %ra.inc = add i64 %ra, %vn1
  %ra.small = icmp ule i64 %ra.inc, 4294967295
  br i1 %ra.small, label %fix.a.next, label %digit.b.dec

fix.a.next:
  br label %fix.a

digit.b.dec:
  br label %digit.b

digit.b:
  %qa.f = phi i64 [ %qa, %fix.a ], [ %qa.dec, %digit.b.dec ]
  %un32.s = shl i64 %un32, 32
  %un321 = or i64 %un32.s, %un1
  %qa.vn = mul i64 %qa.f, %vn
  %un21 = sub i64 %un321, %qa.vn
  %qb.0 = udiv i64 %un21, %vn1
  %qb.0d = mul i64 %qb.0, %vn1
  %rb.0 = sub i64 %un21, %qb.0d
  br label %fix.b

fix.b:
  %qb = phi i64 [ %qb.0, %digit.b ], [ %qb.dec, %fix.b.next ]
  %rb = phi i64 [ %rb.0, %digit.b ], [ %rb.inc, %fix.b.next ]
  %qb.big = icmp ugt i64 %qb, 4294967295
  %qb.v0 = mul i64 %qb, %vn0
  %rb.s = shl i64 %rb, 32
  %rb.un0 = or i64 %rb.s, %un0
  %qb.over = icmp ugt i64 %qb.v0, %rb.un0
  %qb.bad = or i1 %qb.big, %qb.over
  br i1 %qb.bad, label %fix.b.dec, label %divlu.done

fix.b.dec:
  %qb.dec = add i64 %qb, -1
  %rb.inc = add i64 %rb, %vn1
  %rb.small = icmp ule i64 %rb.inc, 4294967295
  br i1 %rb.small, label %fix.b.next, label %divlu.done.dec

fix.b.next:
  br label %fix.b

divlu.done.dec:
  br label %divlu.done

divlu.done:
  %qb.f = phi i64 [ %qb, %fix.b ], [ %qb.dec, %divlu.done.dec ]
  %qa.hi = shl i64 %qa.f, 32
  %q.lu = or i64 %qa.hi, %qb.f
  br i1 %big, label %big.fix, label %small.rem

small.rem:
  %un21.s = shl i64 %un21, 32
  %un210 = or i64 %un21.s, %un0
  %qb.vn = mul i64 %qb.f, %vn
  %r.n = sub i64 %un210, %qb.vn
  %r.lu = lshr i64 %r.n, %s
  br label %store.small

store.small:
  %st.ql = phi i64 [ %ql, %limbs ], [ %q.lu, %small.rem ]
  %st.r = phi i64 [ %r3, %limbs ], [ %r.lu, %small.rem ]
  %st.qh = phi i64 [ %qh, %limbs ], [ %qh.p, %small.rem ]
  store i64 %st.ql, ptr %out, align 8
  %o1 = getelementptr inbounds i8, ptr %out, i64 8
  store i64 %st.qh, ptr %o1, align 8
  %o2 = getelementptr inbounds i8, ptr %out, i64 16
  store i64 %st.r, ptr %o2, align 8
  %o3 = getelementptr inbounds i8, ptr %out, i64 24
  store i64 0, ptr %o3, align 8
  ret void

big.fix:
  ; q0 = q1 >> (63 - s), then q0 - 1 unless 0: correct or one too small.
  %q0.est = lshr i64 %q.lu, %inv.q
  %q0.nz = icmp ne i64 %q0.est, 0
  %q0.m1 = zext i1 %q0.nz to i64
  %bq0 = sub i64 %q0.est, %q0.m1
  ; r = n - q0 * d (q0 * d <= n < 2^128).
  %p.lo = mul i64 %bq0, %dl
  %p.hi0 = call i64 @__sbf_mulhu64(i64 %bq0, i64 %dl)
  %p.hi1 = mul i64 %bq0, %dh
  %p.hi = add i64 %p.hi0, %p.hi1
  %b.lo = icmp ult i64 %nl, %p.lo
  %b.lo.x = zext i1 %b.lo to i64
  %r.lo = sub i64 %nl, %p.lo
  %r.hi0 = sub i64 %nh, %p.hi
  %r.hi = sub i64 %r.hi0, %b.lo.x
  ; r >= d ? q0 + 1, r - d
  %ge.hi = icmp ugt i64 %r.hi, %dh
  %eq.hi = icmp eq i64 %r.hi, %dh
  %ge.lo = icmp uge i64 %r.lo, %dl
  %ge.eq = and i1 %eq.hi, %ge.lo
  %ge = or i1 %ge.hi, %ge.eq
  br i1 %ge, label %big.inc, label %big.store

big.inc:
  %q0.inc = add i64 %bq0, 1
  %b2.lo = icmp ult i64 %r.lo, %dl
  %b2.lo.x = zext i1 %b2.lo to i64
  %r2.lo = sub i64 %r.lo, %dl
  %r2.hi0 = sub i64 %r.hi, %dh
  %r2.hi = sub i64 %r2.hi0, %b2.lo.x
  br label %big.store

big.store:
  %bq = phi i64 [ %bq0, %big.fix ], [ %q0.inc, %big.inc ]
  %brl = phi i64 [ %r.lo, %big.fix ], [ %r2.lo, %big.inc ]
  %brh = phi i64 [ %r.hi, %big.fix ], [ %r2.hi, %big.inc ]
  store i64 %bq, ptr %out, align 8
  %g1 = getelementptr inbounds i8, ptr %out, i64 8
  store i64 0, ptr %g1, align 8
  %g2 = getelementptr inbounds i8, ptr %out, i64 16
  store i64 %brl, ptr %g2, align 8
  %g3 = getelementptr inbounds i8, ptr %out, i64 24
  store i64 %brh, ptr %g3, align 8
  ret void
}


; Unsigned 128 x 128 -> 128 multiply with overflow flag; out = low 128 bits.
define hidden i1 @__sbf_umulo128(ptr %out, i64 %al, i64 %ah, i64 %bl, i64 %bh) {
entry:
  ; Both operands below 2^64 (u64 values widened to u128): one 64x64 product,
  ; no overflow possible.
  %hi.or = or i64 %ah, %bh
  %small = icmp eq i64 %hi.or, 0
  br i1 %small, label %narrow, label %wide

narrow:
  %n.lo = mul i64 %al, %bl
  %n.hi = call i64 @__sbf_mulhu64(i64 %al, i64 %bl)
  store i64 %n.lo, ptr %out, align 8
  %n.hp = getelementptr inbounds i8, ptr %out, i64 8
  store i64 %n.hi, ptr %n.hp, align 8
  ret i1 false

wide:
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
