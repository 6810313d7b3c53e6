/// The case page (`GET /`): a form built in the browser from `GET /api/context` — selects,
/// checkboxes and numbers only, never free text — that posts the case to `POST /plan` and shows
/// the answer at once. The case lives only in the page: nothing is stored on the server.
enum CasePage {
    /// `at`: a fixed routing time from the page's address (`/?at=…`), for training and replays.
    static func render(fictional: Bool, contextName: String, at: String?) -> String {
        var body = "<h1>Where can this person be referred today?</h1>\n"
        body += "<p class=\"hint\">\(HTML.e(contextName)). Choose from the lists: nothing typed, nothing that names the person. "
        body += at.map { "Routing at the fixed time <strong class=\"nowrap\">\(HTML.e($0))</strong>." } ?? "Routing at the current time."
        body += "</p>\n"
        body += "<form id=\"case-form\" novalidate data-at=\"\(HTML.e(at ?? ""))\">\n<div id=\"form-fields\"><p>Loading the lists…</p></div>\n"
        body += "<p><button type=\"submit\" id=\"route\">Show the plan</button> <button type=\"reset\" class=\"secondary\" id=\"clear\">Clear</button></p>\n"
        body += "<div id=\"form-errors\" role=\"alert\" aria-live=\"assertive\"></div>\n</form>\n"
        body += "<div id=\"result\" aria-live=\"polite\"></div>\n"
        return HTML.page(title: "Referral Router: case", fictional: fictional, current: "/", body: body, script: script)
    }

    static let script = #"""
    'use strict';
    const $ = (s, r = document) => r.querySelector(s);
    const $$ = (s, r = document) => Array.from(r.querySelectorAll(s));
    const esc = s => String(s).replace(/[&<>"']/g, c => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'}[c]));
    let ctx = null;
    const fieldLabels = {
      caseCode: 'case code', age: 'age', sex: 'sex', area: 'area', languages: 'languages', accessNeeds: 'access needs',
      populationGroups: 'population groups', legalStatus: 'legal status', concerns: 'concerns', 'gbv.incidentType': 'GBV incident type',
      'gbv.hoursSinceIncident': 'hours since the incident', 'trafficking.indicators': 'trafficking indicators', 'mhpss.risk': 'suicide plan or psychosis',
      'mhpss.distress': 'distress level', 'child.separation': 'separation', 'child.caregiverSuspected': 'caregiver suspected',
      imminentRiskToLife: 'risk to life', 'risk.nature': 'nature of the risk to life', preferences: 'preferences'
    };
    const factLabels = {
      gbvIncidentType: 'GBV incident type', hoursSinceIncident: 'Hours since the incident',
      traffickingIndicators: 'Trafficking indicators present', suicidePlan: 'Suicide plan',
      suicidalThoughts: 'Thoughts of suicide or self-harm', psychosisSigns: 'Signs of psychosis',
      distress: 'Distress', separation: 'Separation from caregivers', caregiverSuspected: 'Caregiver is the suspected perpetrator',
      bestInterestsDetermination: 'Best interests determination', imminentRiskToLife: 'Imminent risk to life',
      injuries: 'Physical injuries', safetyRisk: 'Risk of further harm (safety assessment)'
    };
    function select(name, label, pairs, empty) {
      return `<label class="field"><span class="name">${esc(label)}</span><select name="${name}" id="f-${name}">` +
        (empty !== undefined ? `<option value="">${esc(empty)}</option>` : '') +
        pairs.map(([v, l]) => `<option value="${esc(v)}">${esc(l)}</option>`).join('') + '</select></label>';
    }
    function boxes(name, legend, pairs, hint) {
      return `<fieldset id="fs-${name}"><legend>${esc(legend)}</legend>` + (hint ? `<p class="hint">${esc(hint)}</p>` : '') +
        pairs.map(([v, l]) => `<label><input type="checkbox" name="${name}" value="${esc(v)}"> ${esc(l)}</label>`).join('') + '</fieldset>';
    }
    const yesNo = (name, label) => select(name, label, [['true', 'yes'], ['false', 'no']], 'not asked / not known');
    const number = (name, label, min, max, hint) =>
      `<label class="field"><span class="name">${esc(label)}</span><input type="number" inputmode="numeric" name="${name}" id="f-${name}" min="${min}" max="${max}" step="1">` +
      (hint ? `<span class="hint">${esc(hint)}</span>` : '') + '</label>';
    function tag(id) { return id.includes('-') ? id.split('-').map(w => w[0]).join('').toUpperCase() : id.toUpperCase(); }
    // A pathway's tags in case codes: its initials or its id (CP, GBV, MHPSS), and for a long
    // one-word id its first two letters too (MH, as the demo's case register writes it).
    function tags() {
      const all = ctx.pathways.flatMap(p => [tag(p.id)].concat(!p.id.includes('-') && p.id.length > 3 ? [p.id.slice(0, 2).toUpperCase()] : []));
      return all.filter((t, i) => all.indexOf(t) === i);
    }
    function areaLabel(a) { return `${a.name} (${a.pcode})`; }
    function facts(id) {
      switch (id) {
        case 'gbvIncidentType': return select(id, factLabels[id], ctx.incidentTypes.map(v => [v, v]), 'not known yet');
        case 'hoursSinceIncident': return number(id, factLabels[id], 0, 1000000, 'as of the hour the facts were recorded; leave empty if not known');
        case 'traffickingIndicators': return boxes(id, factLabels[id], ctx.traffickingIndicators.map(v => [v, v]));
        case 'distress': return select(id, factLabels[id], ctx.distress.map(v => [v, v]), 'not assessed');
        case 'separation': return select(id, factLabels[id], ctx.separation.map(v => [v, v]), 'not known');
        case 'safetyRisk': return select(id, factLabels[id], ctx.safetyRisk.map(v => [v, v]), 'not assessed');
        case 'bestInterestsDetermination':
          return select(id, factLabels[id], ctx.bestInterestsDetermination.map(v => [v, v]), 'not recorded');
        default: return yesNo(id, factLabels[id]);
      }
    }
    // The routing time (the page's fixed time, else now) as the context's local day and hour.
    function localNow() {
      const at = $('#case-form').dataset.at;
      const m = /^([+-])(\d\d):(\d\d)$/.exec(ctx.utcOffset);
      const offset = (m[1] === '-' ? -1 : 1) * (+m[2] * 60 + +m[3]);
      return new Date((at ? Date.parse(at) : Date.now()) + offset * 60000);
    }
    const two = n => String(n).padStart(2, '0');
    const dayOf = d => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
    // When the facts were recorded, to the hour: a day of the last week and an hour (no typing).
    function recordedAtFields() {
      const now = localNow();
      const days = [];
      for (let i = 0; i < 8; i++) {
        const d = new Date(now.getTime() - i * 86400000);
        days.push([dayOf(d), dayOf(d) + (i === 0 ? ' (today)' : i === 1 ? ' (yesterday)' : '')]);
      }
      const hours = Array.from({ length: 24 }, (_, h) => [two(h), two(h) + ':00']);
      return select('recordedAtDay', 'Facts recorded on', days, 'not recorded') +
        select('recordedAtHour', 'at', hours) +
        `<p class="hint">Hours since the incident count from this hour (${esc(ctx.utcOffset)}).</p>`;
    }
    function build() {
      const series = (ctx.fictional ? ['DEMO'] : []).concat(['HL', 'CW', 'CASE']);
      let h = '<div class="grid"><fieldset><legend>Case code</legend>' +
        select('codeSeries', 'Series', series.map(s => [s, s])) +
        select('codeTag', 'Pathway tag', tags().map(t => [t, t]), '(none)') +
        number('codeNumber', 'Number', 1, 999999, 'from the case register') +
        '<p class="hint">Code: <output id="code-preview" class="nowrap"></output></p>' + recordedAtFields() + '</fieldset>';
      const bands = ctx.consent.byAge.map(b => [`${b.minAge}-${b.maxAge}`, `${b.minAge} to ${b.maxAge}`]);
      const regions = ctx.areas.filter(a => !ctx.areas.some(b => b.parent === a.pcode) ? false : true);
      const leafOptions = parent => ctx.areas.filter(a => a.parent === parent);
      let areaSel = '<label class="field"><span class="name">Area</span><select name="area" id="f-area"><option value="">choose the area</option>';
      for (const r of regions) {
        areaSel += `<optgroup label="${esc(areaLabel(r))}"><option value="${esc(r.pcode)}">${esc(areaLabel(r))} (whole area)</option>` +
          leafOptions(r.pcode).map(a => `<option value="${esc(a.pcode)}">${esc(areaLabel(a))}</option>`).join('') + '</optgroup>';
      }
      areaSel += '</select></label>';
      h += '<fieldset><legend>The person</legend>' +
        number('age', 'Age in years', 0, 130) + select('ageBand', 'or an age band', bands, '(exact age given)') +
        select('sex', 'Sex', ctx.sexes.map(s => [s, s]), 'choose') + areaSel +
        select('legalStatus', 'Legal status', ctx.legalStatuses.map(e => [e.id, e.name]), 'not recorded') + '</fieldset></div>';
      h += '<div class="grid">' + boxes('languages', 'Languages spoken', ctx.languages.map(l => [l.code, l.name])) +
        boxes('populationGroups', 'Population groups', ctx.populationGroups.map(e => [e.id, e.name])) +
        boxes('accessNeeds', 'Access needs', ctx.accessNeeds.map(e => [e.id, e.name])) + '</div>';
      h += '<fieldset><legend>Concerns</legend>' + ctx.pathways.map(p =>
        `<label><input type="checkbox" name="pathways" value="${esc(p.id)}"> ${esc(p.name)}</label>`).join('') + '<div id="facts">';
      // Facts of a child's situation count for consent whatever the concern: asked for every child.
      const childFacts = ['separation', 'caregiverSuspected', 'bestInterestsDetermination'];
      // Asked for every case: the risk to life, and what makes up its nature when no ticked pathway asks it.
      const read = new Set(ctx.pathways.flatMap(p => p.facts));
      const general = ['imminentRiskToLife'].concat(['suicidalThoughts', 'injuries'].filter(f => !read.has(f)));
      const shown = new Set(general.concat(childFacts));
      for (const p of ctx.pathways) {
        const fs = p.facts.filter(f => !shown.has(f));
        fs.forEach(f => shown.add(f));
        if (fs.length) h += `<fieldset class="facts" data-pathway="${esc(p.id)}" hidden><legend>${esc(p.name)}</legend>${fs.map(facts).join('')}</fieldset>`;
      }
      h += `<fieldset class="facts-general"><legend>For every case</legend>${general.map(facts).join('')}` +
        `<div id="child-facts" hidden>${childFacts.map(facts).join('')}</div></fieldset></div></fieldset>`;
      h += '<fieldset><legend>Preferences</legend>' +
        '<label><input type="checkbox" name="noPolice" value="true"> No police</label>' +
        '<label><input type="checkbox" name="noForensicEvidence" value="true"> No forensic evidence collection</label>' +
        '<label><input type="checkbox" name="remoteOnly" value="true"> Remote only (phone)</label>' +
        '<label><input type="checkbox" name="wantsShelter" value="true"> Asks for a safe place to stay</label>' +
        select('staffSex', 'Staff sex preferred', ctx.sexes.map(s => [s, s]), 'no preference') +
        boxes('excludeOrganisations', 'Never send to these organisations', ctx.organisations.map(o => [o.id, o.name]),
          'The person\'s choice (for example, the perpetrator works there): never offered, not even as information.') +
        '</fieldset>';
      const duties = ctx.consent.mandatoryReporting.map(d => `${d.name}: ${d.consequence}`).join(' ');
      h += '<fieldset><legend>Consent</legend>' +
        select('givenBy', 'Given by', ctx.consentGivers.map(s => [s, s])) +
        '<p class="hint" id="consent-rule"></p>' +
        '<label id="assent" hidden><input type="checkbox" name="childAssent" value="true"> The child assented too</label>' +
        '<label id="no-caregiver" hidden><input type="checkbox" name="caregiverNotToBeContacted" value="true"> The child asks that the caregiver not be contacted</label>' +
        boxes('referToCategories', 'Agreed to be referred to (kinds of service)', ctx.categories.map(c => [c.id, c.name])) +
        boxes('referToOrganisations', 'Agreed to be referred to (organisations)', ctx.organisations.map(o => [o.id, o.name])) +
        boxes('share', 'Agreed to share', ctx.caseFields.map(f => [f, (fieldLabels[f] || f) + (ctx.sensitiveFields.includes(f) ? ' (sensitive)' : '')]),
          'Only what the provider needs and the person agreed to is sent. Sensitive fields go only to qualified providers.') +
        `<label><input type="checkbox" name="mandatoryReportingExplained" value="true"> Reporting explained: the person was told what providers with a duty to report must report</label><p class="hint">${esc(duties)}</p>` +
        '</fieldset>';
      $('#form-fields').innerHTML = h;
      recordedAtNow();
      update();
    }
    function recordedAtNow() {
      const f = $('#case-form'), now = localNow();
      f.recordedAtDay.value = dayOf(now);
      f.recordedAtHour.value = two(now.getUTCHours());
    }
    function update() {
      const f = $('#case-form');
      const ticked = new Set($$('input[name=pathways]:checked').map(i => i.value));
      $$('fieldset.facts').forEach(fs => { fs.hidden = !ticked.has(fs.dataset.pathway); });
      const n = f.codeNumber.value ? String(Math.max(0, Math.floor(+f.codeNumber.value))).padStart(3, '0') : '…';
      $('#code-preview').textContent = [f.codeSeries.value, f.codeTag.value, n].filter(Boolean).join('-');
      const age = ageValue(f);
      let rule = '';
      if (age) {
        const lo = typeof age === 'number' ? age : +age.split('-')[0];
        const hi = typeof age === 'number' ? age : +age.split('-')[1];
        const band = ctx.consent.byAge.find(b => b.minAge <= lo && hi <= b.maxAge);
        if (band) rule = `For ages ${band.minAge}-${band.maxAge} consent comes from ${band.consentFrom.join(' or ')}` + (band.childAssent ? ', with the child\'s assent.' : '.');
        $('#assent').hidden = hi >= ctx.consent.adultAge;
        $('#child-facts').hidden = lo >= ctx.consent.adultAge;
        // Only a child whose age lets them consent alone can ask this (the loader refuses it otherwise).
        $('#no-caregiver').hidden = !(lo < ctx.consent.adultAge && band && band.consentFrom.includes('self'));
      }
      $('#consent-rule').textContent = rule;
    }
    function ageValue(f) {
      if (f.ageBand.value) { const [a, b] = f.ageBand.value.split('-'); return a === b ? +a : f.ageBand.value; }
      return f.age.value === '' ? null : Math.floor(+f.age.value);
    }
    const checked = name => $$(`input[name="${name}"]:checked`).map(i => i.value);
    function caseDocument() {
      const f = $('#case-form');
      const problems = [];
      const age = ageValue(f);
      if (age === null) problems.push('give the age or an age band');
      if (!f.sex.value) problems.push('choose the sex');
      if (!f.area.value) problems.push('choose the area');
      if (!f.codeNumber.value) problems.push('give the number of the case code');
      if (!checked('languages').length) problems.push('tick at least one language');
      if (!checked('pathways').length) problems.push('tick at least one concern');
      if (problems.length) return { problems };
      const code = [f.codeSeries.value, f.codeTag.value, String(Math.floor(+f.codeNumber.value)).padStart(3, '0')].filter(Boolean).join('-');
      const doc = { formatVersion: 1, caseCode: code, age, sex: f.sex.value, area: f.area.value, languages: checked('languages') };
      if (f.recordedAtDay.value) doc.recordedAt = `${f.recordedAtDay.value}T${f.recordedAtHour.value}:00${ctx.utcOffset}`;
      if (checked('accessNeeds').length) doc.accessNeeds = checked('accessNeeds');
      if (checked('populationGroups').length) doc.populationGroups = checked('populationGroups');
      if (f.legalStatus.value) doc.legalStatus = f.legalStatus.value;
      const concerns = { pathways: checked('pathways') };
      const visible = id => { const el = $(`[name="${id}"]`); return el && !el.closest('[hidden]'); };
      for (const id of Object.keys(factLabels)) {
        if (!visible(id)) continue;
        if (id === 'traffickingIndicators') { if (checked(id).length) concerns[id] = checked(id); continue; }
        const v = f[id].value;
        if (v === '') continue;
        concerns[id] = id === 'hoursSinceIncident' ? +v : (v === 'true' ? true : v === 'false' ? false : v);
      }
      doc.concerns = concerns;
      const prefs = {};
      for (const id of ['noPolice', 'noForensicEvidence', 'remoteOnly', 'wantsShelter']) if (f[id].checked) prefs[id] = true;
      if (f.staffSex.value) prefs.staffSex = f.staffSex.value;
      if (checked('excludeOrganisations').length) prefs.excludeOrganisations = checked('excludeOrganisations');
      if (Object.keys(prefs).length) doc.preferences = prefs;
      const consent = { givenBy: f.givenBy.value, share: checked('share') };
      if (f.childAssent.checked && !$('#assent').hidden) consent.childAssent = true;
      if (f.caregiverNotToBeContacted.checked && !$('#no-caregiver').hidden) consent.caregiverNotToBeContacted = true;
      if (checked('referToCategories').length) consent.referToCategories = checked('referToCategories');
      if (checked('referToOrganisations').length) consent.referToOrganisations = checked('referToOrganisations');
      if (f.mandatoryReportingExplained.checked) consent.mandatoryReportingExplained = true;
      doc.consent = consent;
      return { doc };
    }
    let lastCase = null;
    async function route(ev) {
      ev.preventDefault();
      const { doc, problems } = caseDocument();
      const errors = $('#form-errors');
      if (problems) { errors.innerHTML = '<p class="errors">Before routing: ' + problems.map(esc).join('; ') + '.</p>'; return; }
      errors.textContent = '';
      lastCase = JSON.stringify(doc);
      const at = $('#case-form').dataset.at;
      const res = await fetch('/plan' + (at ? '?at=' + encodeURIComponent(at) : ''), {
        method: 'POST', headers: { 'Content-Type': 'application/json' }, body: lastCase });
      const text = await res.text();
      if (!res.ok) {
        let msg = 'the case could not be routed';
        try { const e = JSON.parse(text).error; msg = e.message + (e.diagnostics ? ': ' + e.diagnostics.map(d => d.message + (d.help ? ' (' + d.help + ')' : '')).join('; ') : ''); } catch (_) {}
        errors.innerHTML = '<p class="errors">' + esc(msg) + '</p>';
        return;
      }
      $('#result').innerHTML = text;
      const title = $('#plan-title');
      if (title) title.focus();
    }
    document.addEventListener('submit', ev => {
      const form = ev.target;
      if (!form.classList || !form.classList.contains('refform')) return;
      form.elements.case.value = lastCase || '';
      form.elements.at.value = $('#plan') ? $('#plan').dataset.at : '';
    });
    async function start() {
      try {
        const res = await fetch('/api/context');
        ctx = await res.json();
        build();
        const f = $('#case-form');
        f.addEventListener('change', update);
        f.addEventListener('input', update);
        f.addEventListener('submit', route);
        f.addEventListener('reset', () => setTimeout(() => { recordedAtNow(); update(); $('#result').textContent = ''; }, 0));
        document.body.dataset.ready = 'true';
      } catch (e) {
        $('#form-fields').innerHTML = '<p class="errors">The lists could not be loaded: is the server running?</p>';
      }
    }
    start();
    """#
}
