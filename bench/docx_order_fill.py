#!/usr/bin/python3
"""Fills the Word template of docx_order_template.py with docxtpl, COUNT times in one process,
for bench_docx, and prints one JSON line: the fastest and median wall time and the median CPU
time of this thread per document (template
loaded, rendered and saved to memory each time, as a server filling a template per request
would), Python's start and imports not counted.

  docx_order_fill.py TEMPLATE.docx CONTEXT.json COUNT OUT.docx
"""
import io
import json
import statistics
import sys
import time

from docxtpl import DocxTemplate


def fill(template, context):
    document = DocxTemplate(template)
    document.render(context)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def main(template, context_path, count, out):
    with open(context_path, encoding="utf-8") as f:
        context = json.load(f)
    times, cpu = [], []
    for i in range(count):
        context["order"]["number"] = "%d/ОД" % (i + 1)
        start, start_cpu = time.perf_counter(), time.thread_time()
        data = fill(template, context)
        times.append(time.perf_counter() - start)
        cpu.append(time.thread_time() - start_cpu)
    with open(out, "wb") as f:
        f.write(data)
    print(json.dumps({"documents": count, "min_ms": min(times) * 1000,
                      "median_ms": statistics.median(times) * 1000,
                      "cpu_ms": statistics.median(cpu) * 1000, "bytes": len(data)}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
