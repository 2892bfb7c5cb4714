"""Build the Kaggle bundle: an offline notebook with arc_kernel embedded, its kernel-metadata.json, and a dataset
folder holding weights/ and (with --wheels) the wheels the Kaggle image lacks.

    python build_submission.py [--competition SLUG] [--gpu/--no-gpu] [--out DIR] [--owner USER] [--no-model] [--wheels]
    python build_submission.py --run-local DATA_DIR [--param NAME=VALUE ...]   # build, then run the notebook here

Writes (OUT defaults to build/kaggle):
    OUT/arc-kernel.ipynb, OUT/kernel-metadata.json      push with: kaggle kernels push -p OUT
    OUT/dataset/dataset-metadata.json, weights/, wheels/, arc_kernel_dataset.json
                                                        create with: kaggle datasets create -p OUT/dataset --dir-mode zip
The same sources give byte-identical files: sorted entries, fixed zip timestamps, no dates, fixed cell ids.
"""

from __future__ import annotations

import argparse
import ast
import base64
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parent
DATASET_MARKER = "arc_kernel_dataset.json"  # arc_kernel.kaggle finds the attached dataset by this file
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
SKIPPED_NAMES = {"__pycache__", ".gitkeep", ".DS_Store", ".ipynb_checkpoints"}
SKIPPED_SUFFIXES = (".pyc", ".pyo", ".partial", ".jsonl.gz")  # the held-out set is for evaluation, not the notebook


@dataclass
class BuildConfig:
    """What to build and where; the ids are `owner/kernel_slug` and `owner/dataset_slug` on Kaggle."""

    out: Path = ROOT / "build" / "kaggle"
    competition: str = "arc-prize-2025"
    gpu: bool = True
    owner: str = field(default_factory=lambda: os.environ.get("KAGGLE_USERNAME", "your-kaggle-username"))
    kernel_slug: str = "arc-kernel"
    dataset_slug: str = "arc-kernel-bundle"
    private: bool = True
    model: bool = True  # bundle weights/ and let the notebook use the model
    license: str = "CC0-1.0"
    package_dir: Path = ROOT / "arc_kernel"
    weights_dir: Path = ROOT / "weights"
    source: Path = ROOT / "notebooks" / "submission.py"
    parameters: dict[str, Any] = field(default_factory=dict)  # baked into the notebook's parameters cell
    wheels: bool = False  # pip download the wheels below into the dataset (needs internet)
    wheel_packages: tuple[str, ...] = ("peft", "bitsandbytes")
    python_version: str = "3.11"  # of the Kaggle image, for pip download

    @property
    def notebook_name(self) -> str:
        return f"{self.kernel_slug}.ipynb"


def _included(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return path.is_file() and not any(p in SKIPPED_NAMES for p in parts) and not path.name.endswith(SKIPPED_SUFFIXES)


def tree_files(root: Path) -> list[Path]:
    """The files under `root` that a bundle carries, sorted by relative path (caches and placeholders left out)."""
    return sorted((p for p in root.rglob("*") if _included(p, root)), key=lambda p: p.relative_to(root).as_posix())


def package_zip(package_dir: Path) -> bytes:
    """The package as a zip with sorted entries, fixed timestamps and modes: the same files give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in tree_files(package_dir):
            info = zipfile.ZipInfo(f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}", ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    return buffer.getvalue()


# ---- the notebook ----

_MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def read_cells(source: Path) -> list[tuple[str, list[str], str]]:
    """(kind, tags, text) for each `# %%` cell of a percent-format script; markdown lines lose their '# '."""
    cells: list[tuple[str, list[str], list[str]]] = []
    for line in source.read_text(encoding="utf-8").splitlines():
        match = _MARKER.match(line)
        if match:
            tags = json.loads(match["tags"]) if match["tags"] else []
            cells.append(("markdown" if match["markdown"] else "code", tags, []))
        elif cells:
            cells[-1][2].append(line)
        elif line.strip():
            raise ValueError(f"{source}: text before the first '# %%' cell marker: {line!r}")
    result = []
    for kind, tags, lines in cells:
        if kind == "markdown":
            lines = [line[2:] if line.startswith("# ") else line.lstrip("#") for line in lines]
        result.append((kind, tags, "\n".join(lines).strip("\n")))
    return result


def set_assignment(text: str, name: str, value: Any) -> str:
    """`text` with the line `name = ...` (comment kept) assigning `value`'s repr instead; KeyError if absent."""
    pattern = re.compile(rf"^{re.escape(name)} = .*?(?P<comment>  # .*)?$", re.MULTILINE)
    if not pattern.search(text):
        raise KeyError(f"no line '{name} = ...' to set")
    return pattern.sub(lambda m: f"{name} = {value!r}{m['comment'] or ''}", text, count=1)


def build_notebook(config: BuildConfig, bundle: bytes) -> nbformat.NotebookNode:
    """The submission notebook: the source's cells, the package embedded, the parameters set; fixed cell ids."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    parameters = {**config.parameters, **({} if config.model else {"use_model": False})}
    for index, (kind, tags, text) in enumerate(read_cells(config.source)):
        if "parameters" in tags:
            for name, value in sorted(parameters.items()):
                text = set_assignment(text, name, value)
        if "BUNDLE = " in text and kind == "code":
            text = set_assignment(text, "BUNDLE", base64.b64encode(bundle).decode("ascii"))
            text = set_assignment(text, "BUNDLE_SHA256", hashlib.sha256(bundle).hexdigest())
        cell = nbformat.v4.new_markdown_cell(text) if kind == "markdown" else nbformat.v4.new_code_cell(text)
        cell.id = f"cell-{index:02d}" if "parameters" not in tags else "parameters"
        if tags:
            cell.metadata["tags"] = tags
        notebook.cells.append(cell)
    nbformat.validate(notebook)
    return notebook


def kernel_metadata(config: BuildConfig) -> dict:
    """kernel-metadata.json for `kaggle kernels push`; internet is off explicitly (the CLI defaults it on)."""
    return {
        "id": f"{config.owner}/{config.kernel_slug}",
        "title": config.kernel_slug,
        "code_file": config.notebook_name,
        "language": "python",
        "kernel_type": "notebook",
        "is_private": config.private,
        "enable_gpu": config.gpu,
        "enable_tpu": False,
        "enable_internet": False,
        "dataset_sources": [f"{config.owner}/{config.dataset_slug}"] if config.model else [],
        "competition_sources": [config.competition],
        "kernel_sources": [],
        "model_sources": [],
    }


def dataset_metadata(config: BuildConfig) -> dict:
    """dataset-metadata.json for `kaggle datasets create`."""
    return {
        "title": config.dataset_slug,
        "id": f"{config.owner}/{config.dataset_slug}",
        "licenses": [{"name": config.license}],
    }


# ---- writing ----

def write_json(path: Path, value: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def mirror_tree(source: Path, target: Path) -> None:
    """Make `target` hold exactly the bundle files of `source` (stale files removed), bytes copied."""
    wanted = {p.relative_to(source).as_posix(): p for p in tree_files(source)} if source.is_dir() else {}
    if target.is_dir():
        for path in sorted(target.rglob("*"), reverse=True):
            relative = path.relative_to(target).as_posix()
            if path.is_file() and relative not in wanted:
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    for relative, path in wanted.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        if not destination.is_file() or destination.read_bytes() != path.read_bytes():
            shutil.copyfile(path, destination)


def download_wheels(config: BuildConfig, target: Path) -> None:
    """pip download the wheels the Kaggle image may lack, for its Python and Linux; peft pinned to this one's version."""
    from importlib import metadata

    specs = []
    for name in config.wheel_packages:
        try:
            specs.append(f"{name}=={metadata.version(name)}" if name == "peft" else name)
        except metadata.PackageNotFoundError:
            specs.append(name)
    target.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--implementation", "cp",
               "--python-version", config.python_version, "--platform", "manylinux2014_x86_64",
               "--platform", "manylinux_2_24_x86_64", "--platform", "any", "-d", str(target), *specs]
    subprocess.run(command, check=True)


def manifest(dataset: Path) -> dict:
    """What the dataset holds: every file's size and sha256 (the metadata and the manifest itself left out)."""
    files = {}
    for path in tree_files(dataset):
        relative = path.relative_to(dataset).as_posix()
        if relative not in ("dataset-metadata.json", DATASET_MARKER):
            data = path.read_bytes()
            files[relative] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return {"format": 1, "files": files}


def build(config: BuildConfig) -> list[Path]:
    """Write the notebook, its metadata and (unless model is off) the dataset folder; returns the files written."""
    out = Path(config.out)
    out.mkdir(parents=True, exist_ok=True)
    bundle = package_zip(Path(config.package_dir))
    notebook_path = out / config.notebook_name
    notebook_path.write_text(nbformat.writes(build_notebook(config, bundle)) + "\n", encoding="utf-8")
    written = [notebook_path, out / "kernel-metadata.json"]
    write_json(written[1], kernel_metadata(config))
    if config.model:
        dataset = out / "dataset"
        mirror_tree(Path(config.weights_dir), dataset / "weights")
        if config.wheels:
            download_wheels(config, dataset / "wheels")
        write_json(dataset / "dataset-metadata.json", dataset_metadata(config))
        write_json(dataset / DATASET_MARKER, manifest(dataset))
        written += sorted(p for p in dataset.rglob("*") if p.is_file())
    return written


# ---- running the notebook here, as Kaggle's papermill would ----

def inject_parameters(notebook: nbformat.NotebookNode, values: dict[str, Any]) -> nbformat.NotebookNode:
    """A copy with an 'injected-parameters' cell after the 'parameters' cell, as papermill does."""
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    index = next(i for i, c in enumerate(notebook.cells) if "parameters" in c.metadata.get("tags", []))
    cell = nbformat.v4.new_code_cell("\n".join(f"{name} = {value!r}" for name, value in values.items()))
    cell.id = "injected-parameters"
    cell.metadata["tags"] = ["injected-parameters"]
    notebook.cells.insert(index + 1, cell)
    return notebook


def execute_notebook(path: Path, values: dict[str, Any], workdir: Path, timeout: float = 600.0) -> nbformat.NotebookNode:
    """Run the notebook at `path` in a fresh python3 Jupyter kernel with `values` injected; returns it executed."""
    from nbclient import NotebookClient

    notebook = inject_parameters(nbformat.read(path, as_version=4), values)
    workdir.mkdir(parents=True, exist_ok=True)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


def notebook_text(notebook: nbformat.NotebookNode) -> str:
    """Everything the executed notebook's code cells printed."""
    parts = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", "") if output.get("output_type") == "stream" else "\n".join(output.get("traceback", [])))
    return "".join(parts)


def _parameter(text: str) -> tuple[str, Any]:
    name, _, value = text.partition("=")
    if not name.isidentifier() or not _:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value  # a bare string


def main(argv: list[str] | None = None) -> int:
    defaults = BuildConfig()
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=defaults.out, help="output folder (default build/kaggle)")
    parser.add_argument("--competition", default=defaults.competition, help="competition slug (default %(default)s)")
    parser.add_argument("--gpu", action=argparse.BooleanOptionalAction, default=defaults.gpu, help="enable_gpu")
    parser.add_argument("--owner", default=defaults.owner, help="Kaggle user name (default $KAGGLE_USERNAME)")
    parser.add_argument("--kernel-slug", default=defaults.kernel_slug)
    parser.add_argument("--dataset-slug", default=defaults.dataset_slug)
    parser.add_argument("--public", action="store_true", help="make the notebook public (default private)")
    parser.add_argument("--no-model", action="store_true", help="no weights dataset; the notebook runs search only")
    parser.add_argument("--weights", type=Path, default=defaults.weights_dir, help="weights folder (default weights/)")
    parser.add_argument("--wheels", action="store_true",
                        help=f"pip download {' and '.join(defaults.wheel_packages)} wheels into the dataset (needs internet)")
    parser.add_argument("--set", type=_parameter, action="append", default=[], metavar="NAME=VALUE",
                        help="bake a parameter into the notebook, e.g. --set time_budget_seconds=36000")
    parser.add_argument("--run-local", type=Path, metavar="DATA_DIR",
                        help="after building, run the notebook here on DATA_DIR/arc-agi_test_challenges.json")
    parser.add_argument("--param", "-p", type=_parameter, action="append", default=[], metavar="NAME=VALUE",
                        help="with --run-local: a parameter injected as papermill would")
    args = parser.parse_args(argv)
    config = BuildConfig(
        out=args.out, competition=args.competition, gpu=args.gpu, owner=args.owner, kernel_slug=args.kernel_slug,
        dataset_slug=args.dataset_slug, private=not args.public, model=not args.no_model, weights_dir=args.weights,
        parameters=dict(args.set), wheels=args.wheels,
    )
    for path in build(config):
        print(f"wrote {path}")
    if args.run_local:
        workdir = config.out / "local"
        values = {"data_dir": str(args.run_local.resolve()), "output_path": str((workdir / "submission.json").resolve()),
                  **({"weights_dir": str(Path(args.weights).resolve())} if config.model else {}), **dict(args.param)}
        executed = execute_notebook(config.out / config.notebook_name, values, workdir, timeout=None)
        nbformat.write(executed, workdir / "executed.ipynb")
        print(notebook_text(executed))
        print(f"executed notebook: {workdir / 'executed.ipynb'}; submission: {values['output_path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
