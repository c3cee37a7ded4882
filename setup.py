"""pip install . : the kyosei Python package, its compiled engine (kyosei._core) and the kyosei
command-line tool, built with the project's own CMake (CMakeLists.txt) by a setuptools build step,
offline and with Debian's tools only (python3-setuptools, cmake, the -dev packages that
scripts/setup.sh installs).

    python3 -m venv --system-site-packages .venv && .venv/bin/pip install .
    /usr/bin/python3 -m pip install --user --break-system-packages .   # for the user (PEP 668)

The CMake build goes to $KYOSEI_BUILD_DIR when set (an existing build directory is reused, so
only what changed is rebuilt), else to setuptools' temporary directory. The CLI binary is shipped
inside the package (kyosei/bin/kyosei) and put on PATH by a console script (kyosei.command:main).
There is no pyproject.toml on purpose: without one pip builds with the setuptools already
installed instead of downloading one into an isolated environment, which offline would fail.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = Path(__file__).resolve().parent
VERSION = re.search(r"project\(kyosei VERSION ([0-9.]+)", (ROOT / "CMakeLists.txt").read_text()).group(1)


class CMakeExtension(Extension):
    def __init__(self, name: str):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    """Configures and builds the _core and kyosei targets, then copies both into the package."""

    def build_extension(self, ext: Extension) -> None:
        build = Path(os.environ.get("KYOSEI_BUILD_DIR") or Path(self.build_temp).resolve() / "cmake")
        configure = ["cmake", "-S", str(ROOT), "-B", str(build)]
        if not (build / "CMakeCache.txt").is_file():
            configure.append("-DCMAKE_BUILD_TYPE=Release")  # a reused build keeps its own settings
        # The module is built for this interpreter; a venv's python is the system one underneath.
        if Path(sys.executable).resolve() != Path("/usr/bin/python3").resolve():
            configure.append(f"-DPython_EXECUTABLE={sys.executable}")
        subprocess.check_call(configure)
        subprocess.check_call(["cmake", "--build", str(build), "--target", "_core", "kyosei",
                               "-j", str(os.cpu_count() or 1)])
        module = Path(self.get_ext_fullpath(ext.name))
        module.parent.mkdir(parents=True, exist_ok=True)
        built = next((build / "python" / "kyosei").glob("_core*.so"))
        shutil.copy2(built, module)
        (module.parent / "bin").mkdir(exist_ok=True)
        shutil.copy2(build / "kyosei", module.parent / "bin" / "kyosei")


setup(
    name="kyosei",
    version=VERSION,
    description="Agent-based simulator of Japan's multi-layered community support system (共生)",
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="see the repository",
    python_requires=">=3.9",
    packages=["kyosei"],
    package_dir={"": "python"},
    ext_modules=[CMakeExtension("kyosei._core")],
    cmdclass={"build_ext": CMakeBuild},
    entry_points={"console_scripts": ["kyosei = kyosei.command:main"]},
    # h5py too, but Debian's python3-h5py registers itself as "h5py.-debian-h5py-serial", so that
    # naming it here would make pip look for it on an index.
    install_requires=["numpy", "pandas", "tqdm"],
    extras_require={"plot": ["matplotlib"], "xarray": ["xarray", "h5netcdf"]},
    zip_safe=False,
)
