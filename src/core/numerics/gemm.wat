;; The matrix product's inner kernel in WebAssembly with 128-bit SIMD (f64x2): C += A·B on a block of
;; at most a few dozen rows, both operands packed by the caller (wasmProduct.ts) into 4-wide strips so
;; that every load in the inner loop is at a fixed offset from one of two pointers.
;;   A block: m4/4 strips, strip t = rows 4t…4t+3, laid out k-major: [k][4] (p·4 doubles each).
;;   B:       n4/4 strips, strip s = columns 4s…4s+3, laid out k-major: [k][4] (p·4 doubles each).
;;   C block: m4 × n4 row-major, added to.
;; A 4×4 tile of C lives in eight f64x2 registers across the whole k loop: per k, two vector loads of
;; B and four loads of A, each splatted by the load (v128.load64_splat: one instruction; f64.load then
;; f64x2.splat ran the kernel ~20 % slower), feed sixteen multiply-adds. k runs in blocks of 256 so the
;; B strip (8 KB) stays in L1 while the row block's tiles pass over it. Each C entry is summed in k
;; order, one product at a time, whichever rows a call is given: two threads splitting the rows (at
;; multiples of 4) get the very numbers one thread gets.
;; packRows and packColumns lay the operands out so, from row-major copies the caller puts in memory
;; (a plain copy, native even on a cold start; the packing loops are compiled before their first call).
;; The same module holds the other O(n³) loops of a pinv that a fresh process would otherwise run as
;; cold JS (interpreted, then half-optimised, without SIMD): the bidiagonalisation's fused row update
;; (reduceRows) and the QR's trailing update (panelRows), further down. A library would serve if one
;; did: no maintained npm package ships an f64 SVD/QR in WebAssembly that loads synchronously and
;; small (those found are f32-only, alpha, or a large Rust build fetched as a separate .wasm).
;; Rebuilt into gemmWasm.ts by `node scripts/build-wasm.mjs` (a unit test checks the two agree).
(module
  (memory (export "memory") 1)
  ;; dst ← strips of 4 rows, k-major, of src (rows × cols, row-major); rows rows…rows4−1 are zero.
  (func (export "packRows") (param $src i32) (param $dst i32) (param $rows i32) (param $cols i32) (param $rows4 i32)
    (local $u i32) (local $to i32) (local $from i32) (local $end i32)
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $u) (local.get $rows4)))
        ;; to = dst + ((u >> 2)·cols·4 + (u & 3))·8; each k 32 bytes further.
        (local.set $to (i32.add (local.get $dst)
          (i32.shl (i32.add (i32.shl (i32.mul (i32.shr_u (local.get $u) (i32.const 2)) (local.get $cols)) (i32.const 2))
                            (i32.and (local.get $u) (i32.const 3))) (i32.const 3))))
        (local.set $end (i32.add (local.get $to) (i32.shl (local.get $cols) (i32.const 5))))
        (if (i32.lt_u (local.get $u) (local.get $rows))
          (then
            (local.set $from (i32.add (local.get $src) (i32.shl (i32.mul (local.get $u) (local.get $cols)) (i32.const 3))))
            (block $rowDone
              (loop $copy
                (br_if $rowDone (i32.ge_u (local.get $to) (local.get $end)))
                (f64.store (local.get $to) (f64.load (local.get $from)))
                (local.set $from (i32.add (local.get $from) (i32.const 8)))
                (local.set $to (i32.add (local.get $to) (i32.const 32)))
                (br $copy))))
          (else
            (block $zeroDone
              (loop $zero
                (br_if $zeroDone (i32.ge_u (local.get $to) (local.get $end)))
                (f64.store (local.get $to) (f64.const 0))
                (local.set $to (i32.add (local.get $to) (i32.const 32)))
                (br $zero)))))
        (local.set $u (i32.add (local.get $u) (i32.const 1)))
        (br $row))))
  ;; dst ← strips of 4 columns, k-major, of src (p × n, row-major); columns n…n4−1 are zero.
  (func (export "packColumns") (param $src i32) (param $dst i32) (param $p i32) (param $n i32) (param $n4 i32)
    (local $k i32) (local $j i32) (local $from i32) (local $rowAt i32)
    ;; src is read in order: row k, column j at src + (k·n + j)·8.
    (local.set $from (local.get $src))
    (block $done
      (loop $row
        (br_if $done (i32.ge_u (local.get $k) (local.get $p)))
        ;; rowAt = dst + k·32: column j goes to rowAt + (j >> 2)·p·32 + (j & 3)·8.
        (local.set $rowAt (i32.add (local.get $dst) (i32.shl (local.get $k) (i32.const 5))))
        (local.set $j (i32.const 0))
        (block $rowDone
          (loop $column
            (br_if $rowDone (i32.ge_u (local.get $j) (local.get $n4)))
            (f64.store
              (i32.add (local.get $rowAt)
                (i32.add (i32.shl (i32.mul (i32.shr_u (local.get $j) (i32.const 2)) (local.get $p)) (i32.const 5))
                         (i32.shl (i32.and (local.get $j) (i32.const 3)) (i32.const 3))))
              (if (result f64) (i32.lt_u (local.get $j) (local.get $n))
                (then (f64.load (local.get $from)))
                (else (f64.const 0))))
            (if (i32.lt_u (local.get $j) (local.get $n)) (then (local.set $from (i32.add (local.get $from) (i32.const 8)))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $column)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $row))))
  (func (export "gemm") (param $ap i32) (param $bp i32) (param $c i32) (param $m4 i32) (param $n4 i32) (param $p i32)
    (local $kk i32) (local $kLen i32) (local $q i32) (local $i i32)
    (local $ca i32) (local $a i32) (local $b i32) (local $bEnd i32) (local $rowC i32)
    (local $x00 v128) (local $x01 v128) (local $x10 v128) (local $x11 v128)
    (local $x20 v128) (local $x21 v128) (local $x30 v128) (local $x31 v128)
    (local $b0 v128) (local $b1 v128) (local $s v128)
    (local.set $rowC (i32.shl (local.get $n4) (i32.const 3)))
    (block $doneK
      (loop $loopK
        (br_if $doneK (i32.ge_u (local.get $kk) (local.get $p)))
        (local.set $kLen (i32.sub (local.get $p) (local.get $kk)))
        (if (i32.gt_u (local.get $kLen) (i32.const 256)) (then (local.set $kLen (i32.const 256))))
        (local.set $q (i32.const 0))
        (block $doneQ
          (loop $loopQ
            (br_if $doneQ (i32.ge_u (local.get $q) (local.get $n4)))
            (local.set $i (i32.const 0))
            (block $doneI
              (loop $loopI
                (br_if $doneI (i32.ge_u (local.get $i) (local.get $m4)))
                ;; ca = c + (i·n4 + q)·8: the tile's first row.
                (local.set $ca (i32.add (local.get $c)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $n4)) (local.get $q)) (i32.const 3))))
                (local.set $x00 (v128.load (local.get $ca)))
                (local.set $x01 (v128.load offset=16 (local.get $ca)))
                (local.set $x10 (v128.load (i32.add (local.get $ca) (local.get $rowC))))
                (local.set $x11 (v128.load offset=16 (i32.add (local.get $ca) (local.get $rowC))))
                (local.set $x20 (v128.load (i32.add (local.get $ca) (i32.shl (local.get $rowC) (i32.const 1)))))
                (local.set $x21 (v128.load offset=16 (i32.add (local.get $ca) (i32.shl (local.get $rowC) (i32.const 1)))))
                (local.set $x30 (v128.load (i32.add (local.get $ca) (i32.mul (local.get $rowC) (i32.const 3)))))
                (local.set $x31 (v128.load offset=16 (i32.add (local.get $ca) (i32.mul (local.get $rowC) (i32.const 3)))))
                ;; a = ap + (i·p + kk·4)·8 (A strip i/4, row kk); b = bp + (q·p + kk·4)·8 (B strip q/4, row kk).
                (local.set $a (i32.add (local.get $ap)
                  (i32.shl (i32.add (i32.mul (local.get $i) (local.get $p)) (i32.shl (local.get $kk) (i32.const 2))) (i32.const 3))))
                (local.set $b (i32.add (local.get $bp)
                  (i32.shl (i32.add (i32.mul (local.get $q) (local.get $p)) (i32.shl (local.get $kk) (i32.const 2))) (i32.const 3))))
                (local.set $bEnd (i32.add (local.get $b) (i32.shl (local.get $kLen) (i32.const 5))))
                (loop $inner
                  (local.set $b0 (v128.load (local.get $b)))
                  (local.set $b1 (v128.load offset=16 (local.get $b)))
                  (local.set $s (v128.load64_splat (local.get $a)))
                  (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x01 (f64x2.add (local.get $x01) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (v128.load64_splat offset=8 (local.get $a)))
                  (local.set $x10 (f64x2.add (local.get $x10) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x11 (f64x2.add (local.get $x11) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (v128.load64_splat offset=16 (local.get $a)))
                  (local.set $x20 (f64x2.add (local.get $x20) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x21 (f64x2.add (local.get $x21) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (v128.load64_splat offset=24 (local.get $a)))
                  (local.set $x30 (f64x2.add (local.get $x30) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x31 (f64x2.add (local.get $x31) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $a (i32.add (local.get $a) (i32.const 32)))
                  (local.set $b (i32.add (local.get $b) (i32.const 32)))
                  (br_if $inner (i32.lt_u (local.get $b) (local.get $bEnd))))
                (v128.store (local.get $ca) (local.get $x00))
                (v128.store offset=16 (local.get $ca) (local.get $x01))
                (v128.store (i32.add (local.get $ca) (local.get $rowC)) (local.get $x10))
                (v128.store offset=16 (i32.add (local.get $ca) (local.get $rowC)) (local.get $x11))
                (v128.store (i32.add (local.get $ca) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $x20))
                (v128.store offset=16 (i32.add (local.get $ca) (i32.shl (local.get $rowC) (i32.const 1))) (local.get $x21))
                (v128.store (i32.add (local.get $ca) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $x30))
                (v128.store offset=16 (i32.add (local.get $ca) (i32.mul (local.get $rowC) (i32.const 3))) (local.get $x31))
                (local.set $i (i32.add (local.get $i) (i32.const 4)))
                (br $loopI)))
            (local.set $q (i32.add (local.get $q) (i32.const 4)))
            (br $loopQ)))
        (local.set $kk (i32.add (local.get $kk) (local.get $kLen)))
        (br $loopK))))
  ;; The bidiagonalisation's fused row update (bidiagonalize.ts, reduceColumns): for each row r in r0…r1−1
  ;; of the trailing block (columns c0…n−1 of the row-major n×n matrix at $a),
  ;;   x ← row − fl[r]·w (the left reflector), d = x·v_R, x ← x − τ_R·d·v_R (the right reflector),
  ;;   col[r − c0] ← x[c0], and, when $useS, s[c] += x[c0]·x[c] for c > c0 (what the next left reflector needs).
  ;; Four rows at a time so each load of w, v_R and s serves four rows, two columns per f64x2 operation.
  ;; Pointers are byte offsets; fl and s indexed like the rows and columns, w by column, v_R from c0, col from row c0.
  ;; The dot products sum two lanes apart (then lane 0 + lane 1 + the odd column): within rounding of the
  ;; JS loops; s is summed in their order.
  (func $reduceRows4 (param $a i32) (param $n i32) (param $c0 i32) (param $r i32) (param $fl i32)
    (param $w i32) (param $vR i32) (param $tauR f64) (param $col i32) (param $s i32)
    (local $k i32) (local $bytes i32) (local $wv v128) (local $vv v128) (local $y v128) (local $sv v128)
    (local $p0 i32) (local $F0 v128) (local $D0 v128) (local $X0 v128) (local $G0 v128) (local $d0 f64) (local $x0 f64) (local $g0 f64) (local $t0 f64)
    (local $p1 i32) (local $F1 v128) (local $D1 v128) (local $X1 v128) (local $G1 v128) (local $d1 f64) (local $x1 f64) (local $g1 f64) (local $t1 f64)
    (local $p2 i32) (local $F2 v128) (local $D2 v128) (local $X2 v128) (local $G2 v128) (local $d2 f64) (local $x2 f64) (local $g2 f64) (local $t2 f64)
    (local $p3 i32) (local $F3 v128) (local $D3 v128) (local $X3 v128) (local $G3 v128) (local $d3 f64) (local $x3 f64) (local $g3 f64) (local $t3 f64)
    (local.set $bytes (i32.shl (i32.sub (local.get $n) (local.get $c0)) (i32.const 3)))
    (local.set $w (i32.add (local.get $w) (i32.shl (local.get $c0) (i32.const 3))))
    (local.set $s (i32.add (local.get $s) (i32.shl (local.get $c0) (i32.const 3))))
    (local.set $p0 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (i32.add (local.get $r) (i32.const 0)) (local.get $n)) (local.get $c0)) (i32.const 3))))
    (local.set $F0 (f64x2.splat (f64.load (i32.add (local.get $fl) (i32.shl (i32.add (local.get $r) (i32.const 0)) (i32.const 3))))))
    (local.set $p1 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (i32.add (local.get $r) (i32.const 1)) (local.get $n)) (local.get $c0)) (i32.const 3))))
    (local.set $F1 (f64x2.splat (f64.load (i32.add (local.get $fl) (i32.shl (i32.add (local.get $r) (i32.const 1)) (i32.const 3))))))
    (local.set $p2 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (i32.add (local.get $r) (i32.const 2)) (local.get $n)) (local.get $c0)) (i32.const 3))))
    (local.set $F2 (f64x2.splat (f64.load (i32.add (local.get $fl) (i32.shl (i32.add (local.get $r) (i32.const 2)) (i32.const 3))))))
    (local.set $p3 (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (i32.add (local.get $r) (i32.const 3)) (local.get $n)) (local.get $c0)) (i32.const 3))))
    (local.set $F3 (f64x2.splat (f64.load (i32.add (local.get $fl) (i32.shl (i32.add (local.get $r) (i32.const 3)) (i32.const 3))))))
  ;; Sweep 1: x = row − f·w, stored; d += x·v_R.
    (block $done1
      (loop $sweep1
        (br_if $done1 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $bytes)))
        (local.set $wv (v128.load (i32.add (local.get $w) (local.get $k))))
        (local.set $vv (v128.load (i32.add (local.get $vR) (local.get $k))))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p0) (local.get $k))) (f64x2.mul (local.get $F0) (local.get $wv))))
        (v128.store (i32.add (local.get $p0) (local.get $k)) (local.get $y))
        (local.set $D0 (f64x2.add (local.get $D0) (f64x2.mul (local.get $y) (local.get $vv))))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p1) (local.get $k))) (f64x2.mul (local.get $F1) (local.get $wv))))
        (v128.store (i32.add (local.get $p1) (local.get $k)) (local.get $y))
        (local.set $D1 (f64x2.add (local.get $D1) (f64x2.mul (local.get $y) (local.get $vv))))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p2) (local.get $k))) (f64x2.mul (local.get $F2) (local.get $wv))))
        (v128.store (i32.add (local.get $p2) (local.get $k)) (local.get $y))
        (local.set $D2 (f64x2.add (local.get $D2) (f64x2.mul (local.get $y) (local.get $vv))))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p3) (local.get $k))) (f64x2.mul (local.get $F3) (local.get $wv))))
        (v128.store (i32.add (local.get $p3) (local.get $k)) (local.get $y))
        (local.set $D3 (f64x2.add (local.get $D3) (f64x2.mul (local.get $y) (local.get $vv))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $sweep1)))
    ;; The odd column left over.
    (if (i32.lt_u (local.get $k) (local.get $bytes))
      (then
        (local.set $x0 (f64.sub (f64.load (i32.add (local.get $p0) (local.get $k))) (f64.mul (f64x2.extract_lane 0 (local.get $F0)) (f64.load (i32.add (local.get $w) (local.get $k))))))
        (f64.store (i32.add (local.get $p0) (local.get $k)) (local.get $x0))
        (local.set $t0 (f64.mul (local.get $x0) (f64.load (i32.add (local.get $vR) (local.get $k)))))
        (local.set $x1 (f64.sub (f64.load (i32.add (local.get $p1) (local.get $k))) (f64.mul (f64x2.extract_lane 0 (local.get $F1)) (f64.load (i32.add (local.get $w) (local.get $k))))))
        (f64.store (i32.add (local.get $p1) (local.get $k)) (local.get $x1))
        (local.set $t1 (f64.mul (local.get $x1) (f64.load (i32.add (local.get $vR) (local.get $k)))))
        (local.set $x2 (f64.sub (f64.load (i32.add (local.get $p2) (local.get $k))) (f64.mul (f64x2.extract_lane 0 (local.get $F2)) (f64.load (i32.add (local.get $w) (local.get $k))))))
        (f64.store (i32.add (local.get $p2) (local.get $k)) (local.get $x2))
        (local.set $t2 (f64.mul (local.get $x2) (f64.load (i32.add (local.get $vR) (local.get $k)))))
        (local.set $x3 (f64.sub (f64.load (i32.add (local.get $p3) (local.get $k))) (f64.mul (f64x2.extract_lane 0 (local.get $F3)) (f64.load (i32.add (local.get $w) (local.get $k))))))
        (f64.store (i32.add (local.get $p3) (local.get $k)) (local.get $x3))
        (local.set $t3 (f64.mul (local.get $x3) (f64.load (i32.add (local.get $vR) (local.get $k)))))
  ))
    ;; Row 0: g = τ_R·d, x[c0] −= g (v_R[0] = 1), recorded in col.
    (local.set $g0 (f64.mul (local.get $tauR) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $D0)) (f64x2.extract_lane 1 (local.get $D0))) (local.get $t0))))
    (local.set $x0 (f64.sub (f64.load (local.get $p0)) (local.get $g0)))
    (f64.store (local.get $p0) (local.get $x0))
    (f64.store (i32.add (local.get $col) (i32.shl (i32.add (i32.sub (local.get $r) (local.get $c0)) (i32.const 0)) (i32.const 3))) (local.get $x0))
    (local.set $G0 (f64x2.splat (local.get $g0)))
    (local.set $X0 (f64x2.splat (local.get $x0)))
    ;; Row 1: g = τ_R·d, x[c0] −= g (v_R[0] = 1), recorded in col.
    (local.set $g1 (f64.mul (local.get $tauR) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $D1)) (f64x2.extract_lane 1 (local.get $D1))) (local.get $t1))))
    (local.set $x1 (f64.sub (f64.load (local.get $p1)) (local.get $g1)))
    (f64.store (local.get $p1) (local.get $x1))
    (f64.store (i32.add (local.get $col) (i32.shl (i32.add (i32.sub (local.get $r) (local.get $c0)) (i32.const 1)) (i32.const 3))) (local.get $x1))
    (local.set $G1 (f64x2.splat (local.get $g1)))
    (local.set $X1 (f64x2.splat (local.get $x1)))
    ;; Row 2: g = τ_R·d, x[c0] −= g (v_R[0] = 1), recorded in col.
    (local.set $g2 (f64.mul (local.get $tauR) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $D2)) (f64x2.extract_lane 1 (local.get $D2))) (local.get $t2))))
    (local.set $x2 (f64.sub (f64.load (local.get $p2)) (local.get $g2)))
    (f64.store (local.get $p2) (local.get $x2))
    (f64.store (i32.add (local.get $col) (i32.shl (i32.add (i32.sub (local.get $r) (local.get $c0)) (i32.const 2)) (i32.const 3))) (local.get $x2))
    (local.set $G2 (f64x2.splat (local.get $g2)))
    (local.set $X2 (f64x2.splat (local.get $x2)))
    ;; Row 3: g = τ_R·d, x[c0] −= g (v_R[0] = 1), recorded in col.
    (local.set $g3 (f64.mul (local.get $tauR) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $D3)) (f64x2.extract_lane 1 (local.get $D3))) (local.get $t3))))
    (local.set $x3 (f64.sub (f64.load (local.get $p3)) (local.get $g3)))
    (f64.store (local.get $p3) (local.get $x3))
    (f64.store (i32.add (local.get $col) (i32.shl (i32.add (i32.sub (local.get $r) (local.get $c0)) (i32.const 3)) (i32.const 3))) (local.get $x3))
    (local.set $G3 (f64x2.splat (local.get $g3)))
    (local.set $X3 (f64x2.splat (local.get $x3)))
  ;; Sweep 2 from column c0 + 1: y = x − g·v_R, stored; s += Σ x[c0]·y in row order.
    (local.set $k (i32.const 8))
    (block $done2
      (loop $sweep2
        (br_if $done2 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $bytes)))
        (local.set $vv (v128.load (i32.add (local.get $vR) (local.get $k))))
        (local.set $D0 (f64x2.sub (v128.load (i32.add (local.get $p0) (local.get $k))) (f64x2.mul (local.get $G0) (local.get $vv))))
        (v128.store (i32.add (local.get $p0) (local.get $k)) (local.get $D0))
        (local.set $D1 (f64x2.sub (v128.load (i32.add (local.get $p1) (local.get $k))) (f64x2.mul (local.get $G1) (local.get $vv))))
        (v128.store (i32.add (local.get $p1) (local.get $k)) (local.get $D1))
        (local.set $D2 (f64x2.sub (v128.load (i32.add (local.get $p2) (local.get $k))) (f64x2.mul (local.get $G2) (local.get $vv))))
        (v128.store (i32.add (local.get $p2) (local.get $k)) (local.get $D2))
        (local.set $D3 (f64x2.sub (v128.load (i32.add (local.get $p3) (local.get $k))) (f64x2.mul (local.get $G3) (local.get $vv))))
        (v128.store (i32.add (local.get $p3) (local.get $k)) (local.get $D3))
        (local.set $sv (f64x2.add (f64x2.add (f64x2.add (f64x2.mul (local.get $X0) (local.get $D0)) (f64x2.mul (local.get $X1) (local.get $D1)))
                                              (f64x2.mul (local.get $X2) (local.get $D2))) (f64x2.mul (local.get $X3) (local.get $D3))))
        (v128.store (i32.add (local.get $s) (local.get $k)) (f64x2.add (v128.load (i32.add (local.get $s) (local.get $k))) (local.get $sv)))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $sweep2)))
    (if (i32.lt_u (local.get $k) (local.get $bytes))
      (then
        (local.set $t0 (f64.sub (f64.load (i32.add (local.get $p0) (local.get $k))) (f64.mul (local.get $g0) (f64.load (i32.add (local.get $vR) (local.get $k))))))
        (f64.store (i32.add (local.get $p0) (local.get $k)) (local.get $t0))
        (local.set $t1 (f64.sub (f64.load (i32.add (local.get $p1) (local.get $k))) (f64.mul (local.get $g1) (f64.load (i32.add (local.get $vR) (local.get $k))))))
        (f64.store (i32.add (local.get $p1) (local.get $k)) (local.get $t1))
        (local.set $t2 (f64.sub (f64.load (i32.add (local.get $p2) (local.get $k))) (f64.mul (local.get $g2) (f64.load (i32.add (local.get $vR) (local.get $k))))))
        (f64.store (i32.add (local.get $p2) (local.get $k)) (local.get $t2))
        (local.set $t3 (f64.sub (f64.load (i32.add (local.get $p3) (local.get $k))) (f64.mul (local.get $g3) (f64.load (i32.add (local.get $vR) (local.get $k))))))
        (f64.store (i32.add (local.get $p3) (local.get $k)) (local.get $t3))
        (f64.store (i32.add (local.get $s) (local.get $k)) (f64.add (f64.load (i32.add (local.get $s) (local.get $k)))
          (f64.add (f64.add (f64.add (f64.mul (local.get $x0) (local.get $t0)) (f64.mul (local.get $x1) (local.get $t1)))
                            (f64.mul (local.get $x2) (local.get $t2))) (f64.mul (local.get $x3) (local.get $t3))))))))
  ;; reduceRows4 for one row; s is added to only when $useS (the pivot row c0 adds nothing to it).
  (func $reduceRow1 (param $a i32) (param $n i32) (param $c0 i32) (param $r i32) (param $f f64)
    (param $w i32) (param $vR i32) (param $tauR f64) (param $col i32) (param $s i32) (param $useS i32)
    (local $k i32) (local $bytes i32) (local $p i32) (local $F v128) (local $D v128) (local $X v128) (local $G v128)
    (local $y v128) (local $vv v128) (local $t f64) (local $x f64) (local $g f64)
    (local.set $bytes (i32.shl (i32.sub (local.get $n) (local.get $c0)) (i32.const 3)))
    (local.set $w (i32.add (local.get $w) (i32.shl (local.get $c0) (i32.const 3))))
    (local.set $s (i32.add (local.get $s) (i32.shl (local.get $c0) (i32.const 3))))
    (local.set $p (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $r) (local.get $n)) (local.get $c0)) (i32.const 3))))
    (local.set $F (f64x2.splat (local.get $f)))
    (block $done1
      (loop $sweep1
        (br_if $done1 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $bytes)))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $k)))
                                 (f64x2.mul (local.get $F) (v128.load (i32.add (local.get $w) (local.get $k))))))
        (v128.store (i32.add (local.get $p) (local.get $k)) (local.get $y))
        (local.set $D (f64x2.add (local.get $D) (f64x2.mul (local.get $y) (v128.load (i32.add (local.get $vR) (local.get $k))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $sweep1)))
    (if (i32.lt_u (local.get $k) (local.get $bytes))
      (then
        (local.set $x (f64.sub (f64.load (i32.add (local.get $p) (local.get $k))) (f64.mul (local.get $f) (f64.load (i32.add (local.get $w) (local.get $k))))))
        (f64.store (i32.add (local.get $p) (local.get $k)) (local.get $x))
        (local.set $t (f64.mul (local.get $x) (f64.load (i32.add (local.get $vR) (local.get $k)))))))
    (local.set $g (f64.mul (local.get $tauR) (f64.add (f64.add (f64x2.extract_lane 0 (local.get $D)) (f64x2.extract_lane 1 (local.get $D))) (local.get $t))))
    (local.set $x (f64.sub (f64.load (local.get $p)) (local.get $g)))
    (f64.store (local.get $p) (local.get $x))
    (f64.store (i32.add (local.get $col) (i32.shl (i32.sub (local.get $r) (local.get $c0)) (i32.const 3))) (local.get $x))
    (local.set $G (f64x2.splat (local.get $g)))
    (local.set $X (f64x2.splat (local.get $x)))
    (local.set $k (i32.const 8))
    (block $done2
      (loop $sweep2
        (br_if $done2 (i32.gt_u (i32.add (local.get $k) (i32.const 16)) (local.get $bytes)))
        (local.set $y (f64x2.sub (v128.load (i32.add (local.get $p) (local.get $k)))
                                 (f64x2.mul (local.get $G) (v128.load (i32.add (local.get $vR) (local.get $k))))))
        (v128.store (i32.add (local.get $p) (local.get $k)) (local.get $y))
        (if (local.get $useS)
          (then (v128.store (i32.add (local.get $s) (local.get $k))
                  (f64x2.add (v128.load (i32.add (local.get $s) (local.get $k))) (f64x2.mul (local.get $X) (local.get $y))))))
        (local.set $k (i32.add (local.get $k) (i32.const 16)))
        (br $sweep2)))
    (if (i32.lt_u (local.get $k) (local.get $bytes))
      (then
        (local.set $t (f64.sub (f64.load (i32.add (local.get $p) (local.get $k))) (f64.mul (local.get $g) (f64.load (i32.add (local.get $vR) (local.get $k))))))
        (f64.store (i32.add (local.get $p) (local.get $k)) (local.get $t))
        (if (local.get $useS)
          (then (f64.store (i32.add (local.get $s) (local.get $k)) (f64.add (f64.load (i32.add (local.get $s) (local.get $k))) (f64.mul (local.get $x) (local.get $t)))))))))
  ;; Rows r0…r1−1, four at a time, f for row r at fl + 8r (see reduceRows4).
  (func (export "reduceRows") (param $a i32) (param $n i32) (param $c0 i32) (param $r0 i32) (param $r1 i32) (param $fl i32)
    (param $w i32) (param $vR i32) (param $tauR f64) (param $col i32) (param $s i32) (param $useS i32)
    (local $r i32)
    (local.set $r (local.get $r0))
    (if (local.get $useS)
      (then
        (block $done4
          (loop $four
            (br_if $done4 (i32.gt_u (i32.add (local.get $r) (i32.const 4)) (local.get $r1)))
            (call $reduceRows4 (local.get $a) (local.get $n) (local.get $c0) (local.get $r) (local.get $fl)
              (local.get $w) (local.get $vR) (local.get $tauR) (local.get $col) (local.get $s))
            (local.set $r (i32.add (local.get $r) (i32.const 4)))
            (br $four)))))
    (block $done1
      (loop $one
        (br_if $done1 (i32.ge_u (local.get $r) (local.get $r1)))
        (call $reduceRow1 (local.get $a) (local.get $n) (local.get $c0) (local.get $r)
          (f64.load (i32.add (local.get $fl) (i32.shl (local.get $r) (i32.const 3))))
          (local.get $w) (local.get $vR) (local.get $tauR) (local.get $col) (local.get $s) (local.get $useS))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $one))))
  ;; y[0…count) += f·x[0…count) (byte offsets), two doubles per f64x2 operation.
  (func $axpy (param $f f64) (param $x i32) (param $y i32) (param $count i32)
    (local $F v128) (local $end i32) (local $pairs i32)
    (local.set $F (f64x2.splat (local.get $f)))
    (local.set $end (i32.add (local.get $y) (i32.shl (local.get $count) (i32.const 3))))
    (local.set $pairs (i32.add (local.get $y) (i32.shl (i32.and (local.get $count) (i32.const -2)) (i32.const 3))))
    (block $done
      (loop $pair
        (br_if $done (i32.ge_u (local.get $y) (local.get $pairs)))
        (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $F) (v128.load (local.get $x)))))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (br $pair)))
    (if (i32.lt_u (local.get $y) (local.get $end))
      (then (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $f) (f64.load (local.get $x))))))))
  ;; The QR's trailing update (blockedQr.ts, householderQr), on rows start…start+length−1, columns
  ;; c0…c0+width−1 of the row-major matrix at $a ($cols a row), with the panel's k reflectors as the rows
  ;; of vt (k × length) and Z (k × width):
  ;;   $toZ = 1: Z += Vᵀ·W (each row of W read once, every row of Z added to);
  ;;   $toZ = 0: W −= V·Z.
  (func (export "panelRows") (param $a i32) (param $cols i32) (param $c0 i32) (param $width i32) (param $start i32)
    (param $length i32) (param $vt i32) (param $k i32) (param $z i32) (param $toZ i32)
    (local $r i32) (local $b i32) (local $row i32) (local $f f64) (local $zRow i32)
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $length)))
        (local.set $row (i32.add (local.get $a)
          (i32.shl (i32.add (i32.mul (i32.add (local.get $start) (local.get $r)) (local.get $cols)) (local.get $c0)) (i32.const 3))))
        (local.set $b (i32.const 0))
        (block $blockDone
          (loop $reflectors
            (br_if $blockDone (i32.ge_u (local.get $b) (local.get $k)))
            (local.set $f (f64.load (i32.add (local.get $vt) (i32.shl (i32.add (i32.mul (local.get $b) (local.get $length)) (local.get $r)) (i32.const 3)))))
            (if (f64.ne (local.get $f) (f64.const 0))
              (then
                (local.set $zRow (i32.add (local.get $z) (i32.shl (i32.mul (local.get $b) (local.get $width)) (i32.const 3))))
                (if (local.get $toZ)
                  (then (call $axpy (local.get $f) (local.get $row) (local.get $zRow) (local.get $width)))
                  (else (call $axpy (f64.neg (local.get $f)) (local.get $zRow) (local.get $row) (local.get $width))))))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $reflectors)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows)))))
