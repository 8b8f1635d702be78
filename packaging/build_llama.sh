#!/usr/bin/env bash
# Builds a llama-cpp-python wheel for distribution: one that does not depend on the build
# machine's CPU. llama.cpp compiles for the local CPU by default (GGML_NATIVE=ON), and such a
# build dies with "illegal instruction" on an older CPU than the build machine's.
#
# Usage: packaging/build_llama.sh [cpu|vulkan|metal|cuda] [OUT_DIR]
#        then: make package LLAMA_WHEEL=OUT_DIR/llama_cpp_python-*.whl
#
# CPU support (x86-64): the CPU backend is built once per instruction-set level
# (GGML_CPU_ALL_VARIANTS: x64, sse42, sandybridge, ivybridge, piledriver, haswell, skylakex,
# cannonlake, cascadelake, icelake, cooperlake, zen4, alderlake, sapphirerapids) and ggml
# picks the best one the running CPU has. The floor is the "x64" variant: plain x86-64 with
# SSE2, i.e. any 64-bit Intel or AMD CPU. ARM64 (Apple Silicon, Linux/Windows on ARM):
# variants from armv8.0 up. These flags exist in the llama.cpp vendored by
# llama-cpp-python 0.3.36 (ggml/CMakeLists.txt and ggml/src/CMakeLists.txt).
#
# Two things llama-cpp-python 0.3.36 does not do for such a build, handled here / required:
# * its CMakeLists installs only the target "ggml-cpu", not the "ggml-cpu-<variant>"
#   libraries; this script copies them from the build folder into the wheel's llama_cpp/lib.
# * with GGML_BACKEND_DL the backends are plugins, and nothing in llama-cpp-python calls
#   ggml_backend_load_all(). The engine must call
#   ggml_backend_load_all_from_path(<llama_cpp/lib>) once before loading a model (ggml
#   otherwise searches only the executable's folder and the working directory, and the
#   bundle keeps the libraries in _internal/llama_cpp/lib). Until it does, set
#   PONDER_LLAMA_BASELINE=1 for a single-library build instead: GGML_NATIVE=OFF with AVX2,
#   FMA, F16C and BMI2 off and AVX on, which runs on every x86-64 CPU with AVX (Intel Sandy
#   Bridge 2011 and later, AMD Bulldozer 2011 and later), at lower speed on newer ones.
#   (GGML_NATIVE=OFF alone is not portable: it turns AVX2/FMA/F16C/BMI2 on - Haswell, 2013.)
#
# GPU variants: vulkan (Windows, Linux; needs the Vulkan SDK / glslc), metal (Apple Silicon;
# Metal is on by default there), cuda (optional; needs the CUDA toolkit, and users need an
# NVIDIA driver). If offloading fails at run time the engine falls back to the CPU and says
# so; the backend in use is reported in the model bar (LoadedEvent.backend).
set -euo pipefail

VARIANT="${1:-cpu}"
OUT="${2:-dist/llama-wheel}"
VERSION="0.3.36"
BUILD_DIR="$(mktemp -d)/llama-build"

if [[ "${PONDER_LLAMA_BASELINE:-0}" == "1" ]]; then
    CPU_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_BMI2=OFF"
else
    CPU_ARGS="-DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON"
fi
case "$VARIANT" in
    cpu) GPU_ARGS="" ;;
    vulkan) GPU_ARGS="-DGGML_VULKAN=ON" ;;
    metal) GPU_ARGS="-DGGML_METAL=ON" ;;
    cuda) GPU_ARGS="-DGGML_CUDA=ON -DCMAKE_CUDA_ARCHITECTURES=61;70;75;80;86;89" ;;
    *) echo "build_llama.sh: unknown variant '$VARIANT' (cpu, vulkan, metal, cuda)" >&2; exit 2 ;;
esac
if [[ "$(uname -s)" == "Darwin" && "$VARIANT" != "metal" ]]; then
    GPU_ARGS="$GPU_ARGS -DGGML_METAL=OFF"  # on by default on macOS
fi

mkdir -p "$OUT"
echo "building llama-cpp-python $VERSION ($VARIANT): $CPU_ARGS $GPU_ARGS"
CMAKE_ARGS="$CPU_ARGS $GPU_ARGS" python -m pip wheel --no-deps --no-binary llama-cpp-python \
    --no-cache-dir --config-settings="build-dir=$BUILD_DIR" \
    -w "$OUT" "llama-cpp-python==$VERSION"

WHEEL="$(ls "$OUT"/llama_cpp_python-"$VERSION"-*.whl | head -n 1)"
variants=()
while IFS= read -r -d '' lib; do variants+=("$lib"); done < <(
    find "$BUILD_DIR" \( -name 'libggml-cpu-*.so' -o -name 'libggml-cpu-*.dylib' \
        -o -name 'ggml-cpu-*.dll' \) -print0)
if (( ${#variants[@]} )); then
    # Add them to the wheel at llama_cpp/lib (a wheel is a zip). RECORD is not updated; pip
    # installs unlisted files all the same (checked with pip 23.2 on a small wheel).
    STAGE="$(mktemp -d)"
    mkdir -p "$STAGE/llama_cpp/lib"
    cp "${variants[@]}" "$STAGE/llama_cpp/lib/"
    python - "$WHEEL" "$STAGE/llama_cpp/lib" <<'PY'
import sys, zipfile, pathlib
wheel, lib = sys.argv[1], pathlib.Path(sys.argv[2])
with zipfile.ZipFile(wheel, "a", zipfile.ZIP_DEFLATED) as zf:
    names = set(zf.namelist())
    for path in sorted(lib.iterdir()):
        arc = f"llama_cpp/lib/{path.name}"
        if arc not in names:
            zf.write(path, arc)
            print("added", arc)
PY
fi
echo "$WHEEL"
