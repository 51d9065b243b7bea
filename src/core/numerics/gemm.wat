;; The matrix product's inner kernel in WebAssembly with 128-bit SIMD (f64x2): C += A·B on a block of
;; at most a few dozen rows, both operands packed by the caller (wasmProduct.ts) into 4-wide strips so
;; that every load in the inner loop is at a fixed offset from one of two pointers.
;;   A block: m4/4 strips, strip t = rows 4t…4t+3, laid out k-major: [k][4] (p·4 doubles each).
;;   B:       n4/4 strips, strip s = columns 4s…4s+3, laid out k-major: [k][4] (p·4 doubles each).
;;   C block: m4 × n4 row-major, added to.
;; A 4×4 tile of C lives in eight f64x2 registers across the whole k loop: per k, two vector loads of
;; B and four scalar loads of A (splatted) feed sixteen multiply-adds. k runs in blocks of 256 so the
;; B strip (8 KB) stays in L1 while the row block's tiles pass over it. Each C entry is summed in k
;; order, one product at a time, whichever rows a call is given: two threads splitting the rows (at
;; multiples of 4) get the very numbers one thread gets.
;; packRows and packColumns lay the operands out so, from row-major copies the caller puts in memory
;; (a plain copy, native even on a cold start; the packing loops are compiled before their first call).
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
                  (local.set $s (f64x2.splat (f64.load (local.get $a))))
                  (local.set $x00 (f64x2.add (local.get $x00) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x01 (f64x2.add (local.get $x01) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (f64x2.splat (f64.load offset=8 (local.get $a))))
                  (local.set $x10 (f64x2.add (local.get $x10) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x11 (f64x2.add (local.get $x11) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (f64x2.splat (f64.load offset=16 (local.get $a))))
                  (local.set $x20 (f64x2.add (local.get $x20) (f64x2.mul (local.get $s) (local.get $b0))))
                  (local.set $x21 (f64x2.add (local.get $x21) (f64x2.mul (local.get $s) (local.get $b1))))
                  (local.set $s (f64x2.splat (f64.load offset=24 (local.get $a))))
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
        (br $loopK)))))
