#!/usr/bin/env python3
"""Loads a report page in headless Chromium and writes what a reader's
browser made of it as JSON, for t1010's assertions.

Usage: browser-check.py <chromium> <page.html> <work dir> <strings.json>

Chromium is driven through the DevTools protocol over
--remote-debugging-pipe: commands go to its fd 3 and answers come from
its fd 4, one JSON message each, ended by a NUL byte, so no websocket
library is needed. Nothing waits on time: every step waits for the
answer to its command or for the event it needs (Page.loadEventFired),
under one deadline for the whole run.

<strings.json> lists texts that must be visible on the page. The JSON
written to <work dir>/facts.json holds:
  errors      console errors, exceptions and error log entries
  pwned       typeof window.__pwned after load
  dom         scripts, on* attributes, javascript:/data: links, the
              strings not visible, the CSP meta
  csp_blocks  whether the page's CSP stopped an inline script added
              after load (1: it ran)
  views       per viewport (phone, desktop, print): innerWidth,
              scrollWidth, elements overflowing the viewport outside a
              scrolling container, and each chart's box
Screenshots of the phone and desktop views go to <work dir>.
"""
import base64
import json
import os
import select
import subprocess
import sys
import time

DEADLINE = 25.0  # seconds for the whole run


class Browser:
    def __init__(self, chromium, workdir):
        self.deadline = time.monotonic() + DEADLINE
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()

        def fds():
            # Where a pipe already is fd 3 or 4, dup2 is a no-op that
            # leaves it close-on-exec: clear that flag in every case.
            for src, dst in ((to_child_r, 3), (from_child_w, 4)):
                if src != dst:
                    os.dup2(src, dst)
                os.set_inheritable(dst, True)

        args = [
            chromium,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--remote-debugging-pipe",
            "--user-data-dir=" + os.path.join(workdir, "chromium-profile"),
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--mute-audio",
            "about:blank",
        ]
        self.log = open(os.path.join(workdir, "chromium.log"), "wb")
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=self.log,
            preexec_fn=fds,
            close_fds=False,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def close(self):
        try:
            self.send("Browser.close", session=False, wait=False)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=max(1.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.to_child)
        os.close(self.from_child)
        self.log.close()

    def read_message(self):
        while b"\0" not in self.buf:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from Chromium in time")
            ready, _, _ = select.select([self.from_child], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.from_child, 1 << 16)
            if not chunk:
                raise EOFError("Chromium closed the pipe (crashed?)")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True, wait=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_child, json.dumps(msg).encode() + b"\0")
        if not wait:
            return None
        while True:
            m = self.read_message()
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"]))
                return m.get("result", {})
            if "method" in m:
                self.events.append(m)

    def wait_event(self, method):
        for i, e in enumerate(self.events):
            if e["method"] == method:
                del self.events[i]
                return e
        while True:
            m = self.read_message()
            if m.get("method") == method:
                return m
            if "method" in m:
                self.events.append(m)

    def evaluate(self, expr):
        r = self.send("Runtime.evaluate",
                      {"expression": expr, "returnByValue": True})
        if "exceptionDetails" in r:
            raise RuntimeError("evaluation failed: %s" %
                               json.dumps(r["exceptionDetails"]))
        return r["result"].get("value")


# What the page's DOM holds that it must not, and which texts it does not
# show. Run after load, with the strings to look for as STRINGS.
DOM_CHECK = r"""
(() => {
  const all = [...document.querySelectorAll('*')];
  const onattrs = [], badlinks = [];
  for (const el of all) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) {
        onattrs.push(el.tagName + ' ' + a.name);
      }
      if (['href', 'src', 'xlink:href', 'action', 'formaction',
           'srcset', 'poster', 'data'].includes(name)) {
        const v = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        if (v.startsWith('javascript:') || v.startsWith('data:') ||
            v.startsWith('vbscript:')) {
          badlinks.push(el.tagName + ' ' + a.name + '=' + a.value);
        }
      }
    }
  }
  const text = document.body.innerText;
  const csp = document.querySelector(
    'meta[http-equiv="Content-Security-Policy" i]');
  return {
    scripts: document.querySelectorAll('script').length,
    iframes: document.querySelectorAll('iframe, object, embed, form').length,
    onattrs: onattrs,
    badlinks: badlinks,
    missing: STRINGS.filter(s => !text.includes(s)),
    csp: csp ? csp.content : null,
    csp_in_head: !!(csp && csp.parentElement === document.head &&
      [...document.head.children].indexOf(csp) <= 1),
  };
})()
"""

# How the page fits the viewport: the layout viewport's width (a phone
# widens it past the device's when something is too wide), the
# document's width, every element or line of text that leaves the
# viewport without a scrolling container around it, and each chart's box.
LAYOUT_CHECK = r"""
(() => {
  const w = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (p !== el && (o === 'auto' || o === 'scroll' || o === 'hidden')) {
        return true;
      }
    }
    return false;
  };
  const name = (el) => el.tagName.toLowerCase() +
    (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className ?
      '.' + el.className : '');
  const outside = (r) => r.width > 0 && (r.right > w + 0.5 || r.left < -0.5);
  const escaping = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (outside(r) && !clipped(el)) {
      escaping.push(name(el) + ' ' + Math.round(r.left) + '..' +
        Math.round(r.right));
    }
  }
  const walk = document.createTreeWalker(document.body,
                                         NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.data.trim() || clipped(n.parentElement)) {
      continue;
    }
    const range = document.createRange();
    range.selectNodeContents(n);
    for (const r of range.getClientRects()) {
      if (outside(r)) {
        escaping.push('text in ' + name(n.parentElement) + ' ' +
          Math.round(r.left) + '..' + Math.round(r.right) + ': ' +
          n.data.slice(0, 40));
        break;
      }
    }
  }
  const charts = {};
  for (const kind of ['line', 'bars', 'heat']) {
    charts[kind] = [...document.querySelectorAll('svg.' + kind)].map(s => {
      const r = s.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height];
    });
  }
  return {
    innerWidth: window.innerWidth,
    clientWidth: w,
    scrollWidth: document.documentElement.scrollWidth,
    escaping: escaping.slice(0, 20),
    charts: charts,
  };
})()
"""

# An inline script added after load: the page's CSP must stop it.
CSP_PROBE = r"""
(() => {
  const s = document.createElement('script');
  s.textContent = 'window.__csp_ran = 1';
  document.body.appendChild(s);
  s.remove();
  return typeof window.__csp_ran === 'undefined' ? 0 : 1;
})()
"""


def errors_of(events):
    out = []
    for e in events:
        p = e.get("params", {})
        if e["method"] == "Runtime.exceptionThrown":
            out.append("exception: " + json.dumps(p.get("exceptionDetails")))
        elif e["method"] == "Runtime.consoleAPICalled":
            if p.get("type") in ("error", "assert", "warning"):
                out.append("console.%s: %s" % (p.get("type"), json.dumps(
                    [a.get("value", a.get("description"))
                     for a in p.get("args", [])])))
        elif e["method"] == "Log.entryAdded":
            entry = p.get("entry", {})
            if entry.get("level") in ("error", "warning"):
                out.append("log %s/%s: %s" % (entry.get("source"),
                                              entry.get("level"),
                                              entry.get("text")))
    return out


def main():
    chromium, page, workdir, strings_file = sys.argv[1:5]
    with open(strings_file, encoding="utf-8") as f:
        strings = json.load(f)
    url = "file://" + os.path.abspath(page)
    facts = {}
    b = Browser(chromium, workdir)
    try:
        t = b.send("Target.createTarget", {"url": "about:blank"},
                   session=False)
        a = b.send("Target.attachToTarget",
                   {"targetId": t["targetId"], "flatten": True},
                   session=False)
        b.session = a["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            b.send(domain + ".enable")

        views = {}
        for name, width, height, mobile, media in (
                ("phone", 390, 844, True, "screen"),
                ("desktop", 1280, 900, False, "screen"),
                ("print", 794, 1123, False, "print")):
            b.send("Emulation.setDeviceMetricsOverride",
                   {"width": width, "height": height,
                    "deviceScaleFactor": 1, "mobile": mobile})
            b.send("Emulation.setEmulatedMedia", {"media": media})
            # A fresh load for each view, as a reader would open it.
            b.events = [e for e in b.events
                        if e["method"] != "Page.loadEventFired"]
            nav = b.send("Page.navigate", {"url": url})
            if nav.get("errorText"):
                raise RuntimeError("cannot load %s: %s" %
                                   (url, nav["errorText"]))
            b.wait_event("Page.loadEventFired")
            views[name] = b.evaluate(LAYOUT_CHECK)
            views[name]["media"] = b.evaluate(
                "matchMedia('print').matches ? 'print' : 'screen'")
            if media == "screen":
                shot = b.send("Page.captureScreenshot",
                              {"format": "png",
                               "captureBeyondViewport": True})
                with open(os.path.join(workdir, name + ".png"), "wb") as f:
                    f.write(base64.b64decode(shot["data"]))
        facts["views"] = views
        facts["pwned"] = b.evaluate("typeof window.__pwned")
        facts["dom"] = b.evaluate(
            "const STRINGS = %s;\n%s" % (json.dumps(strings), DOM_CHECK))
        # Drain what is pending, then take the errors seen so far: the
        # probe below makes one of its own on purpose.
        b.evaluate("1")
        facts["errors"] = errors_of(b.events)
        facts["csp_blocks"] = b.evaluate(CSP_PROBE)
    finally:
        b.close()
    with open(os.path.join(workdir, "facts.json"), "w") as f:
        json.dump(facts, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
