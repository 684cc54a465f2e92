"""Build-time step of py-v4 and py-v5: copies into ROOT only the files the running service uses.

  python3 closure.py BASE_FILES ROOT SERVICE_DIR

Runs the service (SERVICE_DIR/serve.py, serving MODEL_DIR) under strace on 127.0.0.1 of the build's own network,
asks it for its health, a prediction, a long text and a bad request, stops it with SIGTERM, and takes every file
that any of its processes opened, executed, looked at or read a link of: the interpreter, the modules it imported
and their byte-code, the shared objects the loader mapped (what torch links, and what it loads later, such as the
BLAS), files it only checks for (torch's shared-memory manager), and the links on the way (libfoo.so.1 ->
libfoo.so.1.2.3; libblas.so.3 -> /etc/alternatives -> OpenBLAS).
Files the base image already had, unchanged, are left out: BASE_FILES lists them as `find / -xdev -printf '%p %s
%T@\\n'` did before anything was installed. The service's own files and its model are not taken: the Dockerfile
copies them itself.

Debian's libtorch links OpenCV, GDAL, FFmpeg and Qt (its package is built with them), so they come too: a library
in DT_NEEDED is mapped whether or not BERT calls it. What stays behind is what no process of the service touches.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

PORT = 8080
# Never taken: kernel and device files, scratch space, the service's own files and model (copied by the Dockerfile).
SKIPPED = ("/proc/", "/sys/", "/dev/", "/tmp/", "/run/")


def call(path, body=None):
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (PORT, path), data=body,
                                     headers={"Content-Type": "application/json"} if body is not None else {})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def exercise(service_dir):
    """Starts the service under strace, puts each kind of request to it once, stops it; the paths it touched."""
    log = "/tmp/closure-strace.log"
    env = dict(os.environ, HOST="127.0.0.1", PORT=str(PORT))
    tracer = subprocess.Popen(["strace", "-f", "-qq", "-s", "4096", "-e", "trace=%file,execve", "-o", log,
                               sys.executable, os.path.join(service_dir, "serve.py")], env=env)
    try:
        deadline = time.monotonic() + 300
        while True:  # bounded: the service answers within the deadline or the build fails
            if tracer.poll() is not None:
                sys.exit("the service ended (exit %s) before it answered" % tracer.returncode)
            try:
                if call("/health_check") == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                sys.exit("the service did not answer within 300 s")
            time.sleep(0.2)
        answers = [call("/prediction", json.dumps({"text": "A wonderful, warm film."}).encode()),
                   call("/prediction", json.dumps({"text": "a fine film " * 2000}).encode()),
                   call("/prediction", b"{not json")]
        if answers != [200, 200, 400]:
            sys.exit("the service answered %s, expected [200, 200, 400]" % answers)
    finally:
        for pid in children(tracer.pid):  # the service itself: SIGTERM to strace would only detach it
            os.kill(pid, signal.SIGTERM)
        tracer.wait(timeout=60)
    with open(log, encoding="utf-8", errors="surrogateescape") as f:
        return {path for line in f for path in re.findall(r'"(/[^"]*)"', line)}


def children(pid):
    """The processes whose parent is PID."""
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry, encoding="utf-8") as f:
                    # pid (comm) state ppid ...: comm may hold spaces, so split after its closing parenthesis.
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


def canonical(path):
    """The path with its folders resolved (/lib/x.so -> /usr/lib/x.so) but not its last part, which may be a link."""
    return os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))


def follow(path, taken):
    """Adds the path and, while it is a link, each link on the way to its file; returns where the chain ends."""
    while os.path.islink(path) and path not in taken:
        taken.add(path)
        path = canonical(os.path.join(os.path.dirname(path), os.readlink(path)))
    return path


def with_links(paths):
    """The files among the paths (folders are not taken whole), the links they were reached by (a chain of them), and
    links in their folders that lead to them."""
    taken = set()
    for path in paths:
        if os.path.lexists(path):
            end = follow(canonical(path), taken)
            if os.path.isfile(end):
                taken.add(end)
    targets = {os.path.realpath(p) for p in taken}
    folders = {os.path.dirname(p) for p in taken if ".so" in os.path.basename(p)}
    folders |= {"/etc/alternatives", os.path.dirname(sys.executable), "/usr/bin"}
    for folder in filter(os.path.isdir, folders):
        for name in os.listdir(folder):
            link = os.path.join(folder, name)
            if os.path.islink(link) and os.path.realpath(link) in targets:
                follow(link, taken)
    return taken


def base_files(listing):
    """What the base image had: path -> (size, modification time), from find's listing."""
    known = {}
    with open(listing, encoding="utf-8", errors="surrogateescape") as f:
        for line in f:
            path, size, mtime = line.rstrip("\n").rsplit(" ", 2)
            known[path] = (int(size), float(mtime))
    return known


def copy(files, root, base, service_dir):
    own = os.path.realpath(service_dir) + "/"
    model = os.path.realpath(os.environ.get("MODEL_DIR", "/nonexistent")) + "/"
    count, size = 0, 0
    for path in sorted(files):
        if path.startswith(SKIPPED) or path.startswith(own) or path.startswith(model):
            continue
        stat = os.lstat(path)
        known = base.get(path)
        if known is not None and known[0] == stat.st_size and abs(known[1] - stat.st_mtime) < 1e-3:
            continue
        target = root + path
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if os.path.islink(path):
            os.symlink(os.readlink(path), target)
        else:
            shutil.copy2(path, target)
            size += stat.st_size
        count += 1
    print("closure: %d files and links, %.1f MB, into %s" % (count, size / 1e6, root))


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: closure.py BASE_FILES ROOT SERVICE_DIR")
    listing, root, service_dir = sys.argv[1:]
    copy(with_links(exercise(service_dir)), root.rstrip("/"), base_files(listing), service_dir)


if __name__ == "__main__":
    main()
