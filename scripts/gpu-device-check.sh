#!/usr/bin/env bash
# The GPU checks of the compute issue, for a machine with a real GPU and no Node or package registry.
# Packed by `node scripts/gpu-kit.mjs` as .gpu-kit/device-check.sh; run it from anywhere:
#
#   bash .gpu-kit/device-check.sh                 # real GPU (NVIDIA Vulkan driver)
#   bash .gpu-kit/device-check.sh --swiftshader   # the same steps on SwiftShader, to try the kit here
#   bash .gpu-kit/device-check.sh --gpu-only      # real GPU, the GPU backend alone at the larger sizes
#   bash .gpu-kit/device-check.sh --quick         # real GPU, one job of each kind (a few minutes)
#
# Prints, and writes to $OUT/device-check.log (or ./device-check.log): the adapter, the WGSL matmul's
# throughput against the adapter's measured f32 FMA peak, and pinv, HiPPO and many-channel online
# approximation jobs through the real CLI and compute helper on --backend gpu, cpu and auto
# (milliseconds exclude process start). `--backend gpu` never falls back to the CPU: a missing
# adapter shows as an error here, not as a CPU timing.
set -uo pipefail
kit="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
log="${OUT:-$PWD}/device-check.log"
exec > >(tee "$log") 2>&1
work="$(mktemp -d)"
section() { printf '\n== %s ==\n' "$1"; }

unxz_to() { # xz may be missing on the GPU machine; Python's lzma is always there
  xz -dc "$1" > "$2" 2>/dev/null || python3 -c 'import lzma, sys; open(sys.argv[2], "wb").write(lzma.open(sys.argv[1]).read())' "$1" "$2"
}
cp -r "$kit/dist" "$kit/node_modules" "$kit/probe" "$work/"
unxz_to "$kit/node.xz" "$work/node" && chmod +x "$work/node"
unxz_to "$kit/dawn.node.xz" "$work/node_modules/webgpu/dist/linux-x64/dawn.node"
node="$work/node"
cd "$work" || exit 1
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/tmp}"

section "machine"
echo "node $("$node" --version), $(nproc) cores"
pinv_sizes=("512 256" "1024 1024" "2048 2048")
backends=(gpu cpu auto) # auto: does it pick the GPU on a real adapter when the job is big enough?
hippo_jobs=("256 16384" "1024 65536")
approximate_jobs=("legs 64 65536 256" "legt 256 16384 16") # measure N L channels
msign_jobs=("1024 512 muon 5" "2048 2048 muon 5" "1024 1024 cubic 40") # rows cols coefficients iterations
matfun_sizes=(512 1024)
if [[ "${1:-}" == --swiftshader ]]; then
  export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json
  echo "SwiftShader (a CPU rasteriser): a rehearsal of the steps at small sizes, not GPU figures"
  pinv_sizes=("96 64")
  hippo_jobs=("64 2048")
  approximate_jobs=("legs 32 2048 8" "legt 32 2048 8")
  msign_jobs=("96 64 muon 5" "64 64 cubic 30")
  matfun_sizes=(48)
  backends=(gpu cpu)
else
  # Debian's libraries the machine lacks (the Vulkan loader, glvnd's EGL dispatcher), each only where missing.
  for lib in libvulkan1:libvulkan.so.1 libglvnd0:libGLdispatch.so.0 libegl1:libEGL.so.1; do
    if ! ldconfig -p | grep -q "${lib#*:}"; then
      for f in "$kit"/debs/"${lib%%:*}"_*.deb; do [[ -f $f ]] && dpkg -x "$f" / && echo "installed ${lib%%:*} from the kit"; done
    fi
  done
  ldconfig
  echo "NVIDIA_DRIVER_CAPABILITIES=${NVIDIA_DRIVER_CAPABILITIES:-unset}; devices: $(ls /dev/nvidia* 2>/dev/null | tr '\n' ' ')"
  echo "NVIDIA user-space libraries: $(ldconfig -p | grep -oE 'lib(EGL|GLX|GLESv2)_nvidia\.so\.[0-9]+|libnvidia-(glcore|glvkspirv|gpucomp|eglcore|glsi)\.so[.0-9]*' | sort -u | tr '\n' ' ')"
  icd=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
  [[ -f $icd ]] || icd=$(ls /usr/share/vulkan/icd.d/nvidia_icd.json /etc/vulkan/icd.d/nvidia_icd.json 2>/dev/null | head -1)
  if [[ -n $icd && -f $icd ]]; then export VK_DRIVER_FILES=$icd VK_ICD_FILENAMES=$icd; echo "Vulkan ICD: $icd"; else
    echo "no NVIDIA Vulkan manifest"
  fi
  # glvnd finds NVIDIA's EGL through a vendor file; write one where the container has the library but no file.
  if ldconfig -p | grep -q 'libEGL_nvidia\.so\.0' && ! ls /usr/share/glvnd/egl_vendor.d/*nvidia* >/dev/null 2>&1; then
    mkdir -p /usr/share/glvnd/egl_vendor.d
    printf '{"file_format_version":"1.0.0","ICD":{"library_path":"libEGL_nvidia.so.0"}}\n' > /usr/share/glvnd/egl_vendor.d/10_nvidia.json
    echo "wrote glvnd's vendor file for libEGL_nvidia.so.0"
  fi
  probe() { # Dawn's flags → the adapter it finds, or none
    KEXUE_DAWN_FLAGS="$1" "$node" -e "const {create,globals}=require('./node_modules/webgpu'); Object.assign(globalThis,globals); const f=(process.env.KEXUE_DAWN_FLAGS||'').split(' ').filter(Boolean); create(f).requestAdapter({featureLevel: /opengl/.test(f.join()) ? 'compatibility' : 'core'}).then((a)=>console.log(a ? 'adapter: ' + (a.info.description || a.info.vendor) : 'none'))" 2>&1 | grep -v -e '^ *at ' -e '^Warning' | tr '\n' ' ' | cut -c1-400
  }
  # Whether the loader can start the driver at all (on the first H200 lent it could not: the ICD gave no vkCreateInstance).
  found=$(VK_LOADER_DEBUG=error probe "")
  echo "WebGPU, Dawn's default backend: $found"
  if [[ $found != *"adapter: "* ]]; then
    # Dawn opens EGL's default display; glvnd picks its platform from EGL_PLATFORM (no X server here).
    for platform in surfaceless device; do
      found=$(EGL_PLATFORM=$platform probe "backend=opengles")
      echo "WebGPU, backend=opengles, EGL_PLATFORM=$platform: $found"
      if [[ $found == *"adapter: "* ]]; then export KEXUE_DAWN_FLAGS="backend=opengles" EGL_PLATFORM=$platform; break; fi
    done
  fi
  nvidia-smi -L 2>/dev/null || echo "nvidia-smi: not found"
  if [[ "${1:-}" == --gpu-only ]]; then # the GPU jobs alone, at the larger sizes
    pinv_sizes=("1024 1024" "2048 2048")
    hippo_jobs=("1024 65536")
    approximate_jobs=("legs 64 65536 256")
    msign_jobs=("2048 2048 muon 5" "1024 1024 cubic 40")
    matfun_sizes=(1024)
    backends=(gpu)
  elif [[ "${1:-}" == --quick ]]; then # a few minutes of device time: one job of each GPU kind
    pinv_sizes=("1024 1024")
    hippo_jobs=("1024 65536")
    approximate_jobs=()
    msign_jobs=("2048 2048 muon 5")
    matfun_sizes=(1024)
    backends=(gpu)
  fi
fi

section "WGSL tiled matmul vs the adapter's f32 FMA peak"
timeout 300 "$node" probe/gpuThroughput.js 2>/dev/null | tail -1

# A seeded random matrix, as the bench uses, written as JSON rows.
matrix() {
  "$node" -e '
    const [rows, cols] = process.argv.slice(1).map(Number);
    let s = 12345;
    const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5);
    process.stdout.write(JSON.stringify(Array.from({ length: rows }, () => Array.from({ length: cols }, next))));
  ' "$1" "$2" > "m$1x$2.json"
}

# One line per job: what ran where, how long, and how exact.
summary='let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
  try {
    const r = JSON.parse(s);
    const a = r.adapter ? (r.adapter.description || r.adapter.vendor) + (r.adapter.isFallbackAdapter ? " (fallback)" : "") : "-";
    const res = r.residuals ? " residuals " + Object.entries(r.residuals).map(([k, v]) => k + "=" + Number(v).toExponential(1)).join(" ") : "";
    const err = Array.isArray(r.errors) && r.errors.length ? " error vs SVD first " + Number(r.errors[0]).toExponential(2) + " last " + Number(r.errors[r.errors.length - 1]).toExponential(2) : "";
    const eig = r.errorVsEigen !== undefined ? " iterations " + r.iterations + " error vs eigh " + Number(r.errorVsEigen).toExponential(2) : "";
    const worst = r.channelErrors ? " worst max error " + Math.max(...r.channelErrors.maxError).toExponential(2) + " phases " + JSON.stringify(r.phases) : "";
    console.log(`backend ${r.backend} [${a}] ${r.ms} ms${r.rank !== undefined ? " rank " + r.rank : ""}${res}${r.kernel ? " kernel[0..2] " + r.kernel.slice(0, 3).map((v) => v.toPrecision(6)).join(",") : ""}${worst}${err}${eig}`);
    for (const note of r.notes ?? []) console.log("   note: " + note);
  } catch { console.log("   not JSON: " + s.slice(0, 300)); }
});'

section "pseudo-inverse (kexue compute pinv --json)"
for size in "${pinv_sizes[@]}"; do
  set -- $size
  matrix "$1" "$2"
  for backend in "${backends[@]}"; do
    printf '%s×%s %s: ' "$1" "$2" "$backend"
    timeout 240 "$node" dist/cli.js compute pinv --matrix-file "m$1x$2.json" --backend "$backend" --json 2>&1 | "$node" -e "$summary"
  done
done

section "HiPPO LegS, bilinear, S4 kernel (kexue compute hippo --json)"
for job in "${hippo_jobs[@]}"; do
  set -- $job
  for backend in "${backends[@]}"; do
    printf 'N=%s L=%s %s: ' "$1" "$2" "$backend"
    timeout 240 "$node" dist/cli.js compute hippo --measure legs --n "$1" --discretize bilinear --dt 0.001 --kernel "$2" --backend "$backend" --json 2>&1 | "$node" -e "$summary"
  done
done

section "online approximation, many channels (kexue compute approximate --json)"
for job in "${approximate_jobs[@]}"; do
  set -- $job
  for backend in "${backends[@]}"; do
    printf '%s N=%s L=%s channels=%s %s: ' "$1" "$2" "$3" "$4" "$backend"
    timeout 240 "$node" dist/cli.js compute approximate --measure "$1" --n "$2" --signal sine --length "$3" --channels "$4" --backend "$backend" --json 2>&1 | "$node" -e "$summary"
  done
done

# A symmetric positive definite matrix for the matrix square root: MᵀM/n + I.
spd() {
  "$node" -e '
    const n = Number(process.argv[1]);
    let s = 777;
    const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296 - 0.5);
    const m = Array.from({ length: n }, () => Array.from({ length: n }, next));
    const a = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
      let t = 0; for (let k = 0; k < n; k++) t += m[k][i] * m[k][j];
      return t / n + (i === j ? 1 : 0);
    }));
    process.stdout.write(JSON.stringify(a));
  ' "$1" > "spd$1.json"
}

section "msign by Newton–Schulz (kexue compute msign --json)"
for job in "${msign_jobs[@]}"; do
  set -- $job
  matrix "$1" "$2"
  for backend in "${backends[@]}"; do
    printf '%s×%s %s K=%s %s: ' "$1" "$2" "$3" "$4" "$backend"
    timeout 300 "$node" dist/cli.js compute msign --matrix-file "m$1x$2.json" --coefficients "$3" --iterations "$4" --backend "$backend" --json 2>&1 | "$node" -e "$summary"
  done
done

section "matrix square root by coupled Newton–Schulz (kexue compute matfun --fn sqrt --json)"
for n in "${matfun_sizes[@]}"; do
  spd "$n"
  for backend in "${backends[@]}"; do
    printf 'SPD %s×%s %s: ' "$n" "$n" "$backend"
    timeout 300 "$node" dist/cli.js compute matfun --fn sqrt --matrix-file "spd$n.json" --backend "$backend" --json 2>&1 | "$node" -e "$summary"
  done
done

section "done"
echo "log: $log"
