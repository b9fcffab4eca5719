"""Time one LibreOffice's load, full recalculation and save of workbooks, separately (UNO).

Run by ``bench_clients_recalc.py`` with a Python that has LibreOffice's ``uno`` module (the
system ``python3`` where ``python3-uno`` is installed), since the project's Python usually has
not: ``python3 _lo_uno.py [--repeat N] a.xlsx b.xlsx ...`` prints one JSON line per workbook::

    {"path": ..., "load_s": ..., "calc_s": [...], "store_s": ...}

``calc_s`` are the times of ``calculateAll()`` (every formula recalculated, as Excel's
Ctrl+Alt+F9), repeated in the same document. One soffice serves every workbook, so its start-up
is paid once, and a first unmeasured load of the first workbook warms it up, so that the
figures of different workbooks are comparable.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def main(argv):
    repeat = 3
    if argv[:1] == ["--repeat"]:
        repeat, argv = int(argv[1]), argv[2:]
    pipe = f"pacxl_bench_{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="pacxl-uno-") as profile, \
            tempfile.TemporaryDirectory(prefix="pacxl-uno-out-") as outdir:
        proc = subprocess.Popen(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--nolockcheck", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext(
                "com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(300):
                try:
                    ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # soffice still starting
                    time.sleep(0.1)
            else:
                raise SystemExit("soffice did not answer")
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            # warm-up (libraries, fonts, disk cache), not measured
            desktop.loadComponentFromURL(uno.systemPathToFileUrl(os.path.abspath(argv[0])), "_blank", 0,
                                         (prop("Hidden", True),)).close(True)
            for path in argv:
                url = uno.systemPathToFileUrl(os.path.abspath(path))
                t0 = time.perf_counter()
                doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True),))
                load = time.perf_counter() - t0
                calc = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    doc.calculateAll()
                    calc.append(time.perf_counter() - t0)
                out = uno.systemPathToFileUrl(os.path.join(outdir, "out.xlsx"))
                t0 = time.perf_counter()
                doc.storeToURL(out, (prop("FilterName", "Calc MS Excel 2007 XML"),))
                store = time.perf_counter() - t0
                doc.close(True)
                print(json.dumps({"path": path, "load_s": load, "calc_s": calc, "store_s": store}),
                      flush=True)
            desktop.terminate()
        finally:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


if __name__ == "__main__":
    main(sys.argv[1:])
