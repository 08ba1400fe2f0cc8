
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var only = document.getElementById('only-findings');
  if (location.hash === '#all') { only.checked = false; }
  function apply() {
    var on = {};
    boxes.forEach(function (b) { on[b.name + ':' + b.value] = b.checked; });
    var onlyFindings = document.getElementById('only-findings').checked;
    document.querySelectorAll('table.alignment tbody tr[data-row]').forEach(function (tr) {
      var show = true;
      var sev = tr.dataset.severities ? tr.dataset.severities.split(' ') : [];
      var checks = tr.dataset.checks ? tr.dataset.checks.split(' ') : [];
      if (sev.length) {
        var kept = sev.filter(function (s, i) { return on['severity:' + s] && on['check:' + checks[i]]; });
        show = kept.length > 0;
      } else {
        show = !onlyFindings;
      }
      tr.classList.toggle('hidden', !show);
    });
    document.querySelectorAll('.finding, .findings-list li').forEach(function (f) {
      f.classList.toggle('hidden', !(on['severity:' + f.dataset.severity] && on['check:' + f.dataset.check]));
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  apply();
})();
