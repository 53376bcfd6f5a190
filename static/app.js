// Keeps what was typed in a page's forms when the person switches language: the toggle leaves
// the page, and the same page in the other language is filled in again from this tab's
// session storage. Without JavaScript the switch still works; only the typing is lost.
(function () {
  'use strict';
  var PREFIX = 'irritrack-draft:';
  var SKIPPED = ['hidden', 'password', 'file', 'submit', 'button', 'reset'];

  // The fields a person types into or chooses from; never the form token or a password.
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && SKIPPED.indexOf(field.type) === -1;
    });
  }

  function valueOf(field) {
    if (field.type === 'checkbox' || field.type === 'radio') {
      return field.checked;
    }
    return field.value;
  }

  // The page the toggle comes back to, which is not always this one: a refused form is shown at
  // the address it was sent to, and the toggle returns to the form's own page.
  function destination(toggle) {
    try {
      return new URL(toggle.href, location.href).searchParams.get('back');
    } catch (ignored) {
      return null;
    }
  }

  function save(back) {
    var forms = Array.prototype.map.call(document.forms, function (form) {
      return fieldsOf(form).map(function (field) {
        return [field.name, valueOf(field)];
      });
    });
    try {
      sessionStorage.setItem(PREFIX + back, JSON.stringify(forms));
    } catch (ignored) {
      // Storage off or full: the switch goes on without the draft.
    }
  }

  // The draft left for this page, taken once: a later visit starts from what the server sends.
  function takeDraft() {
    var key = PREFIX + location.pathname + location.search;
    try {
      var saved = sessionStorage.getItem(key);
      sessionStorage.removeItem(key);
      return saved ? JSON.parse(saved) : null;
    } catch (ignored) {
      return null;
    }
  }

  function restore() {
    var forms = takeDraft();
    if (!Array.isArray(forms)) {
      return;
    }
    Array.prototype.forEach.call(document.forms, function (form, index) {
      var values = forms[index] || [];
      fieldsOf(form).forEach(function (field, position) {
        var entry = values[position];
        // The same page in the other language has the same fields in the same order.
        if (!entry || entry[0] !== field.name) {
          return;
        }
        if (field.type === 'checkbox' || field.type === 'radio') {
          field.checked = entry[1] === true;
        } else {
          field.value = entry[1];
        }
      });
    });
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    var toggle = target && target.closest && target.closest('a.language-toggle');
    var back = toggle && destination(toggle);
    if (back) {
      save(back);
    }
  });
  restore();
})();
