#!/usr/bin/env python3
"""Drives the case page of a running `referral serve` in headless Chromium, as a person would:
fills the form for a case document (selects, checkboxes, numbers), submits it, and prints the plan
read back from the DOM as JSON. Optionally saves screenshots of the case page with its plan and of
the referral form of the first referable option.

Chromium is driven over the DevTools protocol with a small WebSocket client (standard library
only). Usage: drive_case_page.py CHROMIUM URL CASE.json [SCREENSHOT_DIR]
"""
import base64, json, os, re, shutil, socket, struct, subprocess, sys, tempfile, time, urllib.request

def fail(msg):
    print("drive_case_page: " + msg, file=sys.stderr)
    sys.exit(2)

class WebSocket:
    def __init__(self, url):
        m = re.match(r"ws://([^/:]+):(\d+)(/.*)", url)
        self.sock = socket.create_connection((m.group(1), int(m.group(2))), timeout=120)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET {m.group(3)} HTTP/1.1\r\nHost: {m.group(1)}:{m.group(2)}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.sock.recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            fail("websocket handshake refused: " + head.decode(errors="replace"))
        self.next_id = 0

    def _recv_exact(self, n):
        out = b""
        while len(out) < n:
            chunk = self.sock.recv(n - len(out))
            if not chunk:
                fail("devtools connection closed")
            out += chunk
        return out

    def send(self, obj):
        data = json.dumps(obj).encode()
        header = bytes([0x81])
        n = len(data)
        if n < 126:
            header += bytes([0x80 | n])
        elif n < 65536:
            header += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            header += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        self.sock.sendall(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._recv_exact(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._recv_exact(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._recv_exact(8))[0]
            payload = self._recv_exact(n)
            message += payload
            if b0 & 0x80:
                return json.loads(message.decode())

    def call(self, method, **params):
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            m = self.recv()
            if m.get("id") == self.next_id:
                if "error" in m:
                    fail(f"{method}: {m['error']}")
                return m.get("result", {})

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            fail("script error: " + json.dumps(r["exceptionDetails"])[:800])
        return r["result"].get("value")

    def wait_for(self, expression, what, seconds=60):
        deadline = time.time() + seconds
        while time.time() < deadline:
            # While a form post navigates the page, an evaluation can meet the page going away:
            # that is not an answer yet, ask again.
            self.next_id += 1
            self.send({"id": self.next_id, "method": "Runtime.evaluate",
                       "params": {"expression": expression, "returnByValue": True, "awaitPromise": True}})
            while True:
                m = self.recv()
                if m.get("id") == self.next_id:
                    break
            if "error" not in m and "exceptionDetails" not in m.get("result", {}) and m["result"]["result"].get("value"):
                return
            time.sleep(0.1)
        fail("timed out waiting for " + what)

# Fills the form like a person: each control by its name, with a change event after each.
FILL = r"""
(doc => {
  const f = document.getElementById('case-form');
  const set = (name, value) => { const el = f.elements[name]; if (!el) throw new Error('no field ' + name);
    el.value = String(value); if (el.value !== String(value)) throw new Error('the form has no ' + name + ' ' + value);
    el.dispatchEvent(new Event('change', {bubbles: true})); };
  const tick = (name, values) => { for (const v of values) { const el = f.querySelector(`input[name="${name}"][value="${v}"]`);
    if (!el) throw new Error('no checkbox ' + name + '=' + v); el.checked = true; el.dispatchEvent(new Event('change', {bubbles: true})); } };
  const [series, tag, number] = doc.caseCode.split('-');
  set('codeSeries', series); set('codeTag', tag); set('codeNumber', +number);
  if (typeof doc.age === 'number') set('age', doc.age); else set('ageBand', doc.age);
  set('sex', doc.sex); set('area', doc.area);
  // recordedAt: a day and an hour (the page offers this hour by default; "not recorded" is the empty day).
  if (doc.recordedAt) {
    const m = /^(\d{4}-\d\d-\d\d)T(\d\d):00(?::00)?([+-]\d\d:\d\d)$/.exec(doc.recordedAt);
    if (!m) throw new Error('recordedAt not in the page\'s form: ' + doc.recordedAt);
    set('recordedAtDay', m[1]); set('recordedAtHour', m[2]);
  } else set('recordedAtDay', '');
  if (doc.legalStatus) set('legalStatus', doc.legalStatus);
  tick('languages', doc.languages); tick('populationGroups', doc.populationGroups || []); tick('accessNeeds', doc.accessNeeds || []);
  tick('pathways', doc.concerns.pathways);
  for (const [k, v] of Object.entries(doc.concerns)) {
    if (k === 'pathways') continue;
    if (Array.isArray(v)) tick(k, v); else set(k, v);
  }
  const p = doc.preferences || {};
  for (const k of ['noPolice', 'noForensicEvidence', 'remoteOnly', 'wantsShelter']) if (p[k]) tick(k, ['true']);
  if (p.staffSex) set('staffSex', p.staffSex);
  tick('excludeOrganisations', p.excludeOrganisations || []);
  const c = doc.consent;
  set('givenBy', c.givenBy);
  if (c.childAssent) tick('childAssent', ['true']);
  if (c.caregiverNotToBeContacted) tick('caregiverNotToBeContacted', ['true']);
  tick('referToCategories', c.referToCategories || []); tick('referToOrganisations', c.referToOrganisations || []);
  tick('share', c.share);
  if (c.mandatoryReportingExplained) tick('mandatoryReportingExplained', ['true']);
  document.getElementById('route').click();
  return true;
})
"""

# The plan as the page shows it, by ids (what a test compares with the CLI's JSON).
READ = r"""
(() => {
  const plan = document.getElementById('plan');
  const ids = (root, sel, attr) => Array.from(root.querySelectorAll(sel)).map(e => e.getAttribute(attr));
  return {
    caseCode: plan.dataset.case, at: plan.dataset.at, posted: lastCase,
    asks: ids(document, '#full section.step > p.step-ask > [data-ask]', 'data-ask'),
    merged: ids(document, '#full section.step', 'data-pathways'),
    consentStatus: document.querySelector('#full [data-consent]').dataset.consent,
    critical: ids(document, '#brief .critical li', 'data-rule'),
    warnings: ids(document, '#full ul.warnings > li', 'data-rule'),
    brief: Array.from(document.querySelectorAll('#brief li[data-step]')).map(e => [e.dataset.step, e.dataset.best]),
    steps: Array.from(document.querySelectorAll('#full section.step')).map(s => ({
      step: s.dataset.step, urgency: s.dataset.urgency,
      options: Array.from(s.querySelectorAll('li.option')).map(o => [o.dataset.service, o.dataset.action, +o.dataset.rank]),
      excluded: ids(s, 'li.excluded', 'data-service') })),
    gaps: ids(document, '#full li[data-gap]', 'data-gap'),
    phonesUnbroken: Array.from(document.querySelectorAll('a.tel')).every(a => getComputedStyle(a).whiteSpace === 'nowrap'),
    lang: document.documentElement.lang, dir: document.documentElement.dir,
    formInputs: Array.from(document.querySelectorAll('#case-form input')).map(i => i.type).filter(t => !['checkbox', 'number', 'hidden'].includes(t)),
    textareas: document.querySelectorAll('textarea').length,
    focusOnPlan: document.activeElement && document.activeElement.id === 'plan-title',
    positiveTabindex: document.querySelectorAll('[tabindex]:not([tabindex="-1"]):not([tabindex="0"])').length
  };
})()
"""

def main():
    chromium, url, case_path = sys.argv[1], sys.argv[2], sys.argv[3]
    shots = sys.argv[4] if len(sys.argv) > 4 else None
    doc = json.load(open(case_path))
    profile = tempfile.mkdtemp(prefix="referral-cdp-")
    proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--disable-background-networking", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                             "--user-data-dir=" + profile, "--window-size=1280,900", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        port = None
        deadline = time.time() + 120
        while port is None and time.time() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
        if port is None:
            fail("chromium did not open its DevTools port")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=60))
        page = next(t for t in targets if t.get("type") == "page")
        ws = WebSocket(page["webSocketDebuggerUrl"])
        ws.call("Page.enable")
        ws.call("Page.navigate", url=url)
        ws.wait_for("document.body && document.body.dataset.ready === 'true'", "the form")
        ws.evaluate(FILL + "(" + json.dumps(doc) + ")")
        ws.wait_for("!!document.getElementById('plan') || !!document.querySelector('#form-errors .errors')", "the plan")
        errors = ws.evaluate("document.getElementById('form-errors').textContent")
        if errors:
            fail("the page refused the case: " + errors)
        result = ws.evaluate(READ)
        if shots:
            ws.evaluate("document.getElementById('full-plan').open = true")
            def capture(name, width=1280, top="0", height=1600):
                ws.call("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1, mobile=width < 600)
                time.sleep(0.3)
                y = ws.evaluate(top)
                data = ws.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                               clip={"x": 0, "y": y, "width": width, "height": height, "scale": 1})["data"]
                open(os.path.join(shots, name), "wb").write(base64.b64decode(data))
            plan_top = "Math.floor(document.getElementById('plan').getBoundingClientRect().top + window.scrollY)"
            capture("case-form.png", height=1500)
            capture("case-plan.png", top=plan_top, height=1500)
            capture("case-plan-phone.png", 390, top=plan_top, height=1400)
            ws.call("Emulation.setDeviceMetricsOverride", width=1280, height=900, deviceScaleFactor=1, mobile=False)
            # The referral form of the first referable option (if any), opened in this tab.
            if ws.evaluate("!!document.querySelector('form.refform')"):
              ws.evaluate("(() => { const f = document.querySelector('form.refform'); f.target = '_self'; f.querySelector('button').click(); return true; })()")
              ws.wait_for("!!document.querySelector('article.referral-form')", "the referral form")
              result["referralForm"] = ws.evaluate("Array.from(document.querySelectorAll('table.packet tr[data-field]')).map(r => r.dataset.field)")
              capture("referral-form.png", 900)
        print(json.dumps(result))
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)

main()
