/*
 * "Propose a case study" (/contribute/propose/). The page's form is made at build time from
 * the validator's field definitions, and so is form.json beside the page, which this script
 * reads: each field's kind and limits, the allowed values, the slug rule and the slugs taken,
 * the JSON Schema's patterns and every message, in make check's own words with {placeholders}.
 * No rule is written here: this script fills in the spec's patterns and messages.
 *
 * Everything happens in the browser. Answers are saved to localStorage on every change and
 * restored on the next visit. The finished file goes into #result; "Open in GitHub" opens
 * GitHub's new-file editor with the file name and text in its address when that address is
 * short enough, and otherwise copies the file so it can be pasted there. Nothing is sent to
 * any host until the reader follows that link. No third-party code.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "un-propose";
  var SVG = "http://www.w3.org/2000/svg";

  function init() {
    var root = document.querySelector(".un-propose");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    root.querySelector("[data-nojs]").hidden = true;
    fetch(root.dataset.spec, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("the server answered " + response.status);
        return response.json();
      })
      .then(function (spec) {
        new Proposal(root, spec);
      })
      .catch(function (error) {
        var failed = root.querySelector("[data-failed]");
        failed.textContent =
          "The form could not load what it needs (" + error.message + "). Reload the page to try again, or use the template as described below.";
        failed.hidden = false;
        root.querySelector("[data-nojs]").hidden = false;
        root.querySelector("[data-nojs] strong").textContent = "This form did not start";
      });
  }

  // -- Small helpers --------------------------------------------------------------------

  function fill(template, values) {
    // One pass over the template: text put in is never read as a placeholder.
    return template.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? String(values[key]) : whole;
    });
  }

  function quoted(text) {
    // As the build quotes a wrong value back (learning.source.fields.describe).
    return "'" + (text.length <= 60 ? text : text.slice(0, 57) + "...") + "'";
  }

  function counted(number, one, many) {
    return number + " " + (number === 1 ? one : many);
  }

  function grouped(number) {
    return number.toLocaleString("en-GB");
  }

  function regex(pattern) {
    return new RegExp(pattern);
  }

  // Writes a message with `code` spans, as make check writes them, into an element.
  function showMessage(element, message) {
    element.textContent = "";
    message.split("`").forEach(function (part, index) {
      if (index % 2) {
        var code = document.createElement("code");
        code.textContent = part;
        element.appendChild(code);
      } else if (part) {
        element.appendChild(document.createTextNode(part));
      }
    });
  }

  // A YAML double-quoted scalar that the strict loader reads back as exactly ``text``:
  // JSON's escapes are YAML's, and the characters YAML reads as line breaks or refuses
  // (C1 controls, DEL, line and paragraph separators, the byte-order mark) are escaped too.
  function yamlString(text) {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + ("000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
  }

  function yamlList(items) {
    return "[" + items.map(yamlString).join(", ") + "]";
  }

  function slugify(title) {
    var slug = title
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/&/g, " and ")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    if (slug.length > 60) slug = slug.slice(0, 60).replace(/-[^-]*$/, "");
    return slug;
  }

  function today() {
    var now = new Date();
    return [now.getFullYear(), ("0" + (now.getMonth() + 1)).slice(-2), ("0" + now.getDate()).slice(-2)].join("-");
  }

  // -- The form -------------------------------------------------------------------------

  function Proposal(root, spec) {
    this.root = root;
    this.spec = spec;
    this.form = root.querySelector("#propose-form");
    this.fields = {};
    spec.fields.forEach(function (field) {
      this.fields[field.name] = field;
    }, this);
    this.measureFields = spec.measures.fields;
    this.list = this.form.querySelector("[data-measures]");
    this.template = this.form.querySelector("#measure-template");
    this.slug = this.form.elements.slug;
    this.slugEdited = false;
    this.storageKey = STORAGE_KEY + "-v" + spec.version;
    this.patterns = {};
    Object.keys(spec.patterns).forEach(function (name) {
      this.patterns[name] = regex(spec.patterns[name]);
    }, this);
    this.slugPattern = regex("^(?:" + spec.slug.pattern + ")$");
    this.taken = new Set(spec.slug.taken);
    this.reserved = new Set(spec.slug.reserved);
    this.output = this.form.querySelector("[data-output]");
    this.result = this.form.querySelector("#result");
    this.text = "";

    var restored = this.restore();
    if (!restored) this.prefill();
    this.updateCounts();
    this.updateMeasureButtons();
    this.form.hidden = false;
    this.listen();
    if (restored) this.say("[data-save-status]", "Your answers saved in this browser have been restored.");
  }

  Proposal.prototype.listen = function () {
    var self = this;
    this.form.addEventListener("input", function (event) {
      self.changed(event.target);
    });
    this.form.addEventListener("change", function (event) {
      self.changed(event.target);
    });
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.make();
    });
    this.form.querySelector("[data-add-measure]").addEventListener("click", function () {
      var group = self.addMeasure();
      self.save();
      group.querySelector("input").focus();
    });
    this.list.addEventListener("click", function (event) {
      var button = event.target.closest("[data-remove-measure]");
      if (button) self.removeMeasure(button.closest("[data-measure]"));
    });
    this.form.querySelector("[data-reset]").addEventListener("click", function () {
      var confirm = self.form.querySelector("[data-confirm]");
      confirm.hidden = false;
      confirm.querySelector("[data-reset-no]").focus();
    });
    this.form.querySelector("[data-reset-no]").addEventListener("click", function () {
      self.form.querySelector("[data-confirm]").hidden = true;
      self.form.querySelector("[data-reset]").focus();
    });
    this.form.querySelector("[data-reset-yes]").addEventListener("click", function () {
      self.startAgain();
    });
    this.form.querySelectorAll("[data-download]").forEach(function (button) {
      button.addEventListener("click", function () {
        self.download(self.slug.value.trim() + ".md", self.text, "text/markdown");
      });
    });
    this.form.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        self.copy(self.text, "The file has been copied. Paste it where you need it.");
      });
    });
    var github = this.form.querySelector("[data-open-github]");
    if (github) {
      github.addEventListener("click", function (event) {
        if (!self.text) {
          event.preventDefault();
          return;
        }
        if (github.dataset.copyFirst) self.copy(self.text, "The file has been copied: paste it into GitHub's editor.");
      });
    }
  };

  Proposal.prototype.changed = function (target) {
    if (target === this.slug) {
      this.slugEdited = this.slug.value.trim() !== "";
      this.checkSlug(true);
    } else if (target.name === "title" && !this.slugEdited) {
      this.slug.value = slugify(target.value);
      this.checkSlug(true);
    }
    var group = target.closest ? target.closest("[data-measure]") : null;
    if (group && /-data$/.test(target.name)) this.preview(group);
    this.updateCounts();
    if (!this.output.hidden) this.output.hidden = true;
    this.save();
  };

  Proposal.prototype.say = function (selector, text) {
    var element = this.form.querySelector(selector);
    if (element) element.textContent = text;
  };

  // -- Saving and restoring -------------------------------------------------------------

  Proposal.prototype.state = function () {
    var checked = {};
    var text = {};
    Array.prototype.forEach.call(this.form.elements, function (control) {
      if (!control.name) return;
      if (control.type === "checkbox" || control.type === "radio") {
        if (control.checked) (checked[control.name] = checked[control.name] || []).push(control.value);
      } else if (control.type !== "submit" && control.type !== "button") {
        (text[control.name] = text[control.name] || []).push(control.value);
      }
    });
    return { measures: this.list.children.length, slugEdited: this.slugEdited, checked: checked, text: text };
  };

  Proposal.prototype.apply = function (state) {
    while (this.list.children.length < state.measures && this.list.children.length < this.spec.measures.max) this.addMeasure();
    var seen = {};
    Array.prototype.forEach.call(this.form.elements, function (control) {
      if (!control.name) return;
      if (control.type === "checkbox" || control.type === "radio") {
        control.checked = (state.checked[control.name] || []).indexOf(control.value) >= 0;
      } else if (control.type !== "submit" && control.type !== "button") {
        var index = (seen[control.name] = (seen[control.name] || 0) + 1) - 1;
        var values = state.text[control.name] || [];
        control.value = index < values.length ? values[index] : "";
      }
    });
    this.slugEdited = Boolean(state.slugEdited);
    this.list.querySelectorAll("[data-measure]").forEach(this.preview, this);
  };

  Proposal.prototype.save = function () {
    try {
      window.localStorage.setItem(this.storageKey, JSON.stringify(this.state()));
    } catch (error) {
      this.say("[data-save-status]", "This browser is not saving your answers (its storage is full or turned off): keep the page open, or copy your text elsewhere as you go.");
    }
  };

  Proposal.prototype.restore = function () {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(this.storageKey) || "null");
    } catch (error) {
      saved = null;
    }
    if (!saved || typeof saved !== "object" || !saved.checked || !saved.text) return false;
    this.apply(saved);
    return true;
  };

  // A fresh form: today's date, defaults, and what the address asks for
  // (?neighbourhoods=forest-of-dean&tools=pdsa,run-chart).
  Proposal.prototype.prefill = function () {
    var form = this.form;
    form.elements.date.value = today();
    var initial = this.spec.initial;
    Object.keys(initial).forEach(function (name) {
      form.querySelectorAll('input[name="' + name + '"]').forEach(function (input) {
        input.checked = input.value === initial[name];
      });
    });
    var query = new URLSearchParams(window.location.search);
    ["neighbourhoods", "tools", "partners", "themes"].forEach(function (name) {
      var wanted = (query.get(name) || "").split(",");
      form.querySelectorAll('input[type="checkbox"][name="' + name + '"]').forEach(function (input) {
        if (wanted.indexOf(input.value) >= 0) input.checked = true;
      });
    });
  };

  Proposal.prototype.startAgain = function () {
    try {
      window.localStorage.removeItem(this.storageKey);
    } catch (error) {
      /* nothing was saved */
    }
    this.form.reset();
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.slugEdited = false;
    this.prefill();
    this.clearErrors();
    this.output.hidden = true;
    this.text = "";
    this.form.querySelector("[data-confirm]").hidden = true;
    this.updateCounts();
    this.updateMeasureButtons();
    this.say("[data-save-status]", "The form has been cleared.");
    this.form.elements.title.focus();
  };

  // -- Counts and measures --------------------------------------------------------------

  Proposal.prototype.updateCounts = function () {
    this.form.querySelectorAll("[data-count-for]").forEach(function (note) {
      var control = this.form.elements[note.dataset.countFor];
      var limit = Number(note.dataset.limit);
      var left = limit - control.value.trim().length;
      note.textContent =
        left >= 0
          ? "You have " + counted(left, "character", "characters") + " remaining"
          : "You have " + counted(-left, "character", "characters") + " too many";
      note.classList.toggle("un-count--over", left < 0);
    }, this);
  };

  Proposal.prototype.addMeasure = function () {
    var number = this.list.children.length + 1;
    var html = this.template.innerHTML.replace(/__N__/g, String(number));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var group = holder.firstElementChild;
    this.list.appendChild(group);
    this.updateMeasureButtons();
    return group;
  };

  Proposal.prototype.removeMeasure = function (group) {
    var state = this.state();
    var number = Number(group.dataset.measure);
    var prefix = "measure-" + number + "-";
    var renamed = { checked: {}, text: {} };
    ["checked", "text"].forEach(function (part) {
      Object.keys(state[part]).forEach(function (name) {
        var match = /^measure-(\d+)-(.*)$/.exec(name);
        if (!match) {
          renamed[part][name] = state[part][name];
        } else if (name.indexOf(prefix) !== 0) {
          var n = Number(match[1]);
          renamed[part]["measure-" + (n > number ? n - 1 : n) + "-" + match[2]] = state[part][name];
        }
      });
    });
    while (this.list.firstChild) this.list.removeChild(this.list.firstChild);
    this.apply({ measures: state.measures - 1, slugEdited: state.slugEdited, checked: renamed.checked, text: renamed.text });
    this.updateMeasureButtons();
    this.save();
    this.say("[data-measures-status]", "Measure " + number + " has been removed.");
    this.form.querySelector("[data-add-measure]").focus();
  };

  Proposal.prototype.updateMeasureButtons = function () {
    var full = this.list.children.length >= this.spec.measures.max;
    var add = this.form.querySelector("[data-add-measure]");
    add.hidden = full;
    this.say("[data-measures-status]", full ? "A case study can have at most " + this.spec.measures.max + " measures." : "");
  };

  // -- Reading pasted data --------------------------------------------------------------

  // Periods as a spreadsheet may show them, turned into the forms the site takes.
  Proposal.prototype.period = function (cell) {
    var text = cell.replace(/\s+00:00(:00)?$/, "").trim();
    if (this.patterns.month.test(text) || this.patterns.day.test(text) || this.patterns.week.test(text)) return text;
    var uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
    if (uk) return uk[3] + "-" + ("0" + uk[2]).slice(-2) + "-" + ("0" + uk[1]).slice(-2);
    var named = /^([A-Za-z]+)[\s\-\/]+(\d{2}|\d{4})$/.exec(text);
    if (named) {
      var word = named[1].toLowerCase();
      var month = -1;
      this.spec.months.forEach(function (name, index) {
        var lower = name.toLowerCase();
        if (word === lower || (word.length >= 3 && lower.indexOf(word) === 0)) month = index;
      });
      if (month >= 0) return (named[2].length === 2 ? "20" + named[2] : named[2]) + "-" + ("0" + (month + 1)).slice(-2);
    }
    return null;
  };

  Proposal.prototype.kindOf = function (period) {
    return this.patterns.day.test(period) ? "day" : this.patterns.week.test(period) ? "week" : "month";
  };

  // The rows of pasted text: two columns split by tabs (as a spreadsheet copies them) or
  // commas, with an optional header row. Gives the points and, for each row that cannot
  // be read, its row number and the message make check would give.
  Proposal.prototype.parse = function (text) {
    var messages = this.spec.measures.messages;
    var lines = text.split(/\r\n|\r|\n/);
    var points = [];
    var problems = [];
    var header = false;
    var seen = {};
    var first = null;
    var latest = null;
    for (var index = 0; index < lines.length; index++) {
      var row = index + 1;
      var line = lines[index];
      if (!line.trim()) continue;
      var cells = line.split(line.indexOf("\t") >= 0 ? "\t" : ",").map(function (cell) {
        return cell.trim();
      });
      while (cells.length > 2 && cells[cells.length - 1] === "") cells.pop();
      if (cells.length !== 2) {
        problems.push({ row: row, message: fill(messages.wrong_columns, { count: cells.length }) });
        continue;
      }
      var period = this.period(cells[0]);
      var number = this.patterns.number.test(cells[1]);
      if (!points.length && !problems.length && !header && period === null && !number) {
        header = true;
        continue;
      }
      var ok = true;
      if (period === null) {
        problems.push({ row: row, message: fill(messages.not_a_period, { value: cells[0] ? quoted(cells[0]) : "an empty cell" }) });
        ok = false;
      }
      if (!number) {
        problems.push({ row: row, message: fill(messages.not_a_number, { value: cells[1] ? quoted(cells[1]) : "an empty cell" }) });
        ok = false;
      }
      if (!ok) continue;
      var kind = this.kindOf(period);
      var key = period;
      var message = null;
      if (first && kind !== first.kind) {
        message = fill(messages.mixed_periods, { value: period, kind: kind, first: first.period, first_kind: first.kind });
      } else if (Object.prototype.hasOwnProperty.call(seen, key)) {
        message = fill(messages.repeated_period, { value: period, line: seen[key] });
      } else if (latest && period < latest) {
        message = fill(messages.out_of_order, { value: period, latest: latest });
      }
      if (message) {
        problems.push({ row: row, message: message });
        continue;
      }
      if (!first) first = { kind: kind, period: period };
      seen[key] = row;
      latest = period;
      points.push({ row: row, original: cells[0], period: period, value: Number(cells[1]), text: cells[1] });
    }
    if (!problems.length && points.length < this.spec.measures.min_points && text.trim()) {
      problems.push({ row: 0, message: fill(messages.too_few_points, { points: counted(points.length, "point", "points") }) });
    }
    if (points.length > this.spec.measures.max_points) {
      problems.push({ row: 0, message: fill(messages.too_many_points, { count: points.length }) });
    }
    return { points: points, problems: problems, header: header };
  };

  Proposal.prototype.preview = function (group) {
    var number = group.dataset.measure;
    var box = group.querySelector("[data-preview]");
    var text = this.form.elements["measure-" + number + "-data"].value;
    while (box.firstChild) box.removeChild(box.firstChild);
    if (!text.trim()) {
      box.hidden = true;
      return;
    }
    var parsed = this.parse(text);
    var rows = new Set(
      parsed.problems
        .map(function (problem) {
          return problem.row;
        })
        .filter(Boolean)
    ).size;
    box.hidden = false;
    var summary = document.createElement("p");
    summary.className = "un-preview__summary";
    summary.textContent =
      "Read " + counted(parsed.points.length, "point", "points") +
      (parsed.header ? " (the first row was read as a header and left out)" : "") +
      (rows ? "; " + counted(rows, "row needs", "rows need") + " fixing, as listed below." : parsed.problems.length ? "; see the problem below." : ".") +
      " This is a quick plot of the points as read; the published page shows the full chart with its analysis.";
    box.appendChild(summary);
    if (parsed.problems.length) {
      var list = document.createElement("ul");
      list.className = "un-preview__problems";
      parsed.problems.slice(0, 20).forEach(function (problem) {
        var item = document.createElement("li");
        showMessage(item, (problem.row ? "Row " + problem.row + ": " : "") + problem.message);
        list.appendChild(item);
      });
      if (parsed.problems.length > 20) {
        var more = document.createElement("li");
        more.textContent = "and " + (parsed.problems.length - 20) + " more.";
        list.appendChild(more);
      }
      box.appendChild(list);
    }
    if (parsed.points.length >= 2) box.appendChild(plot(parsed.points, number));
    if (parsed.points.length) box.appendChild(table(parsed.points, number));
  };

  function plot(points, number) {
    var width = 600;
    var height = 200;
    var pad = 12;
    var values = points.map(function (p) {
      return p.value;
    });
    var low = Math.min.apply(null, values);
    var high = Math.max.apply(null, values);
    if (low === high) {
      low -= 1;
      high += 1;
    }
    var x = function (i) {
      return pad + (i * (width - 2 * pad)) / (points.length - 1);
    };
    var y = function (v) {
      return height - pad - ((v - low) * (height - 2 * pad)) / (high - low);
    };
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("class", "un-preview__plot");
    svg.setAttribute("role", "img");
    svg.setAttribute(
      "aria-label",
      "Quick plot of measure " + number + ": " + points.length + " points from " + points[0].period + " to " +
        points[points.length - 1].period + ", values from " + grouped(Math.min.apply(null, values)) + " to " +
        grouped(Math.max.apply(null, values)) + "."
    );
    var line = document.createElementNS(SVG, "polyline");
    line.setAttribute(
      "points",
      points
        .map(function (p, i) {
          return x(i).toFixed(1) + "," + y(p.value).toFixed(1);
        })
        .join(" ")
    );
    line.setAttribute("class", "un-preview__line");
    svg.appendChild(line);
    points.forEach(function (p, i) {
      var dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x(i).toFixed(1));
      dot.setAttribute("cy", y(p.value).toFixed(1));
      dot.setAttribute("r", "3.5");
      dot.setAttribute("class", "un-preview__point");
      svg.appendChild(dot);
    });
    return svg;
  }

  function table(points, number) {
    var wrap = document.createElement("div");
    wrap.className = "un-preview__table";
    wrap.setAttribute("tabindex", "0");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", "Measure " + number + ": the data as read");
    var t = document.createElement("table");
    var caption = t.createCaption();
    caption.textContent = "Measure " + number + ": the data as read";
    var head = t.createTHead().insertRow();
    ["Row", "Period", "Value"].forEach(function (label) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = label;
      head.appendChild(th);
    });
    var body = t.createTBody();
    points.forEach(function (p) {
      var row = body.insertRow();
      row.insertCell().textContent = String(p.row);
      row.insertCell().textContent = p.period + (p.original !== p.period ? " (from " + p.original + ")" : "");
      row.insertCell().textContent = p.text;
    });
    wrap.appendChild(t);
    return wrap;
  }

  // -- Checking -------------------------------------------------------------------------

  Proposal.prototype.values = function (name) {
    return Array.prototype.filter
      .call(this.form.elements, function (control) {
        return control.name === name && ((control.type !== "checkbox" && control.type !== "radio") || control.checked);
      })
      .map(function (control) {
        return control.value;
      });
  };

  Proposal.prototype.one = function (name) {
    var values = this.values(name);
    return values.length ? values[0].trim() : "";
  };

  Proposal.prototype.listOf = function (field) {
    if (field.control === "lines") {
      return this.one(field.name).split(/\r\n|\r|\n/).map(function (s) {
        return s.trim();
      }).filter(Boolean);
    }
    var items = [];
    this.values(field.name).forEach(function (value) {
      value.split(",").forEach(function (item) {
        if (item.trim()) items.push(item.trim());
      });
    });
    return items;
  };

  // Each answer, checked: {values, errors: [{id, field, question, message}]}.
  Proposal.prototype.check = function () {
    var self = this;
    var spec = this.spec;
    var messages = spec.messages;
    var errors = [];
    var values = {};
    function error(id, question, message) {
      errors.push({ id: id, question: question, message: message });
    }
    function checkText(id, question, text, field) {
      if (field.max_length && text.length > field.max_length) {
        error(id, question, fill(messages.too_long, { length: grouped(text.length), limit: grouped(field.max_length) }));
        return false;
      }
      var bad = self.patterns.unsafe.exec(text);
      if (bad) {
        error(id, question, fill(messages.not_allowed, { value: bad[0] }));
        return false;
      }
      return true;
    }
    spec.fields.forEach(function (field) {
      var id = self.focusTarget(field.name);
      var question = field.question;
      if (field.control === "text" || field.control === "textarea") {
        // As one line: the build refuses line breaks in these fields.
        var text = self.one(field.name).replace(/\s+/g, " ");
        if (!text) {
          if (field.required) error(id, question, fill(messages.empty, { example: field.example }));
          return;
        }
        if (checkText(id, question, text, field)) values[field.name] = text;
      } else if (field.control === "date") {
        var day = self.one(field.name);
        if (!day) {
          if (field.required) error(id, question, fill(messages.empty, { example: field.example }));
          return;
        }
        var year = Number(day.slice(0, 4));
        if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(day)) error(id, question, fill(messages.not_a_date, { value: day }));
        else if (year < spec.years[0] || year > spec.years[1]) error(id, question, fill(messages.outside_years, { value: day }));
        else if (!self.patterns.date.test(day)) error(id, question, fill(messages.not_a_real_date, { value: day }));
        else values[field.name] = day;
      } else if (field.control === "checkbox") {
        values[field.name] = self.values(field.name).length > 0;
      } else if (field.control === "radios" || field.control === "select") {
        var choice = self.one(field.name);
        if (choice) values[field.name] = choice;
        else if (field.required) error(id, question, fill(messages.empty, { example: field.example }));
      } else {
        var items = self.listOf(field);
        if (items.length < field.min_items) {
          error(id, question, fill(messages.too_few, { items: counted(field.min_items, "item", "items"), example: field.example }));
          return;
        }
        var kept = [];
        var ok = true;
        items.forEach(function (item) {
          if (field.control === "themes" && item === spec.not_a_theme) {
            error(self.focusTarget(field.name + "-new"), question, messages.not_a_theme);
            ok = false;
          } else if (field.control === "themes" && !self.slugPattern.test(item)) {
            error(self.focusTarget(field.name + "-new"), question, fill(messages.not_an_id, { value: item, example: field.example }));
            ok = false;
          } else if (kept.indexOf(item) >= 0) {
            error(id, question, fill(messages.twice, { value: item }));
            ok = false;
          } else if (field.control !== "lines" || checkText(id, question, item, { max_length: null })) {
            kept.push(item);
          } else {
            ok = false;
          }
        });
        if (ok && kept.length) values[field.name] = kept;
      }
    });
    if (values.consent === false && (values.status || "published") === "published") {
      error(this.focusTarget("consent"), this.fields.consent.question, messages.consent);
    }
    var slugError = this.slugProblem();
    if (slugError) error("slug", spec.slug.question, slugError);
    else values.slug = this.slug.value.trim();
    values.sections = [];
    spec.sections.forEach(function (section, index) {
      var text = self.one(section.name);
      if (!text) return;
      var bad = self.patterns.unsafe.exec(text);
      if (bad) error("section-" + (index + 1), section.heading, fill(messages.not_allowed_in_body, { value: bad[0] }));
      else values.sections.push({ heading: section.heading, text: text });
    });
    values.measures = [];
    this.list.querySelectorAll("[data-measure]").forEach(function (group) {
      var measure = self.checkMeasure(group, error);
      if (measure) values.measures.push(measure);
    });
    return { values: values, errors: errors };
  };

  Proposal.prototype.checkMeasure = function (group, error) {
    var self = this;
    var number = group.dataset.measure;
    var messages = this.spec.measures.messages;
    var measure = { number: number };
    var ok = true;
    this.measureFields.forEach(function (field) {
      var name = "measure-" + number + "-" + field.name;
      var id = self.focusTarget(name);
      var question = "Measure " + number + ", " + field.question.replace(/ \(optional\)$/, "").toLowerCase();
      var text = self.one(name);
      if (!text) {
        if (field.required) {
          error(id, question, fill(messages.empty, { example: field.example }));
          ok = false;
        }
        return;
      }
      if (field.name === "data") {
        var parsed = self.parse(text);
        parsed.problems.slice(0, 5).forEach(function (problem) {
          error(id, question, (problem.row ? "row " + problem.row + ": " : "") + problem.message);
        });
        if (parsed.problems.length > 5) error(id, question, "and " + (parsed.problems.length - 5) + " more rows to fix (see the list under the data)");
        if (parsed.problems.length) ok = false;
        measure.points = parsed.points;
      } else if (field.kind === "number") {
        if (!self.patterns.number.test(text)) {
          error(id, question, fill(messages.not_a_number, { value: quoted(text) }).replace("`21`", "`" + field.example + "`"));
          ok = false;
        } else {
          measure[field.name] = text;
        }
      } else {
        var bad = self.patterns.unsafe.exec(text);
        if (bad) {
          error(id, question, fill(self.spec.messages.not_allowed, { value: bad[0] }));
          ok = false;
        } else {
          measure[field.name] = text.replace(/\s+/g, " ");
        }
      }
    });
    return ok ? measure : null;
  };

  Proposal.prototype.slugProblem = function () {
    var slug = this.slug.value.trim();
    var messages = this.spec.slug.messages;
    if (!slug) return messages.empty;
    if (!this.slugPattern.test(slug)) return fill(messages.invalid, { value: slug });
    if (this.reserved.has(slug)) return fill(messages.reserved, { value: slug });
    if (this.taken.has(slug)) return fill(messages.taken, { value: slug });
    return null;
  };

  // While the file name is typed, say at once if it is taken or breaks the rule.
  Proposal.prototype.checkSlug = function (live) {
    var problem = this.slug.value.trim() ? this.slugProblem() : null;
    this.mark("slug", problem ? [problem] : []);
    return !live || !problem;
  };

  // The element a message about control ``name`` links to: the control, or a group's first.
  Proposal.prototype.focusTarget = function (name) {
    var control = this.form.querySelector('[name="' + name + '"]:not([type="checkbox"]):not([type="radio"])');
    if (name.slice(-4) === "-new") control = this.form.querySelector("#" + name);
    if (!control) control = this.form.querySelector('[name="' + name + '"]');
    return control ? control.id : name;
  };

  Proposal.prototype.groupOf = function (id) {
    var control = this.form.querySelector("#" + CSS.escape(id));
    return control ? control.closest(".un-field") : null;
  };

  // Show ``messages`` inline on the field holding element ``id`` (none: clear it).
  Proposal.prototype.mark = function (id, messages) {
    var group = this.groupOf(id);
    if (!group) return;
    var note = group.querySelector(".un-error-message");
    var control = group.querySelector("fieldset") || this.form.querySelector("#" + CSS.escape(id));
    var described = (control.getAttribute("aria-describedby") || "").split(" ").filter(function (part) {
      return part && part !== note.id;
    });
    group.classList.toggle("un-field--error", messages.length > 0);
    if (messages.length) {
      note.textContent = "";
      messages.forEach(function (message, index) {
        var line = document.createElement("span");
        line.className = "un-error-message__line";
        var hidden = document.createElement("span");
        hidden.className = "un-visually-hidden";
        hidden.textContent = index ? "" : "Error: ";
        line.appendChild(hidden);
        var words = document.createElement("span");
        showMessage(words, message);
        line.appendChild(words);
        note.appendChild(line);
      });
      note.hidden = false;
      described.push(note.id);
      if (control.tagName !== "FIELDSET") control.setAttribute("aria-invalid", "true");
    } else {
      note.hidden = true;
      note.textContent = "";
      control.removeAttribute("aria-invalid");
    }
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  };

  Proposal.prototype.clearErrors = function () {
    this.form.querySelectorAll(".un-field--error").forEach(function (group) {
      var control = group.querySelector("fieldset") || group.querySelector("input, textarea, select");
      this.mark(control.id || group.querySelector("input, textarea, select").id, []);
    }, this);
    var summary = this.form.querySelector("[data-error-summary]");
    summary.hidden = true;
    summary.querySelector("[data-error-list]").textContent = "";
  };

  // -- Making the file ------------------------------------------------------------------

  Proposal.prototype.make = function () {
    var checked = this.check();
    this.clearErrors();
    var summary = this.form.querySelector("[data-error-summary]");
    if (checked.errors.length) {
      var list = summary.querySelector("[data-error-list]");
      var byId = {};
      checked.errors.forEach(function (e) {
        (byId[e.id] = byId[e.id] || []).push(e.message);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + e.id;
        showMessage(link, e.question.replace(/\?$/, "") + ": " + e.message);
        item.appendChild(link);
        list.appendChild(item);
      });
      Object.keys(byId).forEach(function (id) {
        this.mark(id, byId[id]);
      }, this);
      summary.hidden = false;
      this.output.hidden = true;
      summary.focus();
      return;
    }
    this.text = this.file(checked.values);
    this.result.textContent = this.text;
    this.output.hidden = false;
    this.handOff(checked.values.slug);
    this.showCsv(checked.values);
    this.save();
    this.form.querySelector("[data-output-heading]").focus();
  };

  // The case-study file: front matter in the order of the field list, every text quoted,
  // then the body under the template's headings.
  Proposal.prototype.file = function (values) {
    var lines = ["---"];
    var inline = this.spec.measures.inline_points;
    this.spec.fields.forEach(function (field) {
      var value = values[field.name];
      if (value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      if (field.control === "checkbox") {
        if (field.required || value) lines.push(field.name + ": " + (value ? "true" : "false"));
      } else if (Array.isArray(value)) {
        lines.push(field.name + ": " + yamlList(value));
      } else {
        lines.push(field.name + ": " + yamlString(value));
      }
    });
    if (values.measures.length) {
      lines.push("measures:");
      values.measures.forEach(function (m) {
        lines.push("  - title: " + yamlString(m.title));
        lines.push("    unit: " + yamlString(m.unit));
        lines.push("    improvement: " + yamlString(m.improvement));
        lines.push("    chart: " + yamlString(m.chart));
        if (m.target !== undefined) lines.push("    target: " + m.target);
        if (m.points.length > inline) {
          lines.push("    csv: " + yamlString(this.csvName(values.slug, m.number)));
        } else {
          lines.push("    data:");
          m.points.forEach(function (p) {
            lines.push("      - {period: " + yamlString(p.period) + ", value: " + p.text + "}");
          });
        }
      }, this);
    }
    lines.push("---", "");
    values.sections.forEach(function (section) {
      lines.push("## " + section.heading, "", section.text.replace(/\r\n?/g, "\n").replace(/[ \t]+$/gm, "").trim(), "");
    });
    return lines.join("\n");
  };

  Proposal.prototype.csvName = function (slug, number) {
    return slug + "-measure-" + number + ".csv";
  };

  Proposal.prototype.showCsv = function (values) {
    var box = this.form.querySelector("[data-csv]");
    while (box.firstChild) box.removeChild(box.firstChild);
    var self = this;
    var long = values.measures.filter(function (m) {
      return m.points.length > self.spec.measures.inline_points;
    });
    box.hidden = !long.length;
    long.forEach(function (m) {
      var name = self.csvName(values.slug, m.number);
      var text = "period,value\n" + m.points.map(function (p) {
        return p.period + "," + p.text;
      }).join("\n") + "\n";
      var note = document.createElement("p");
      note.textContent =
        "Measure " + m.number + " has " + m.points.length + " points, more than " + self.spec.measures.inline_points +
        ", so its data goes in a file of its own, " + name + ", which the case study names. Download it and add it to the case_studies folder with your case study (on GitHub: Add file, then Upload files).";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.textContent = "Download " + name;
      button.addEventListener("click", function () {
        self.download(name, text, "text/csv");
      });
      box.appendChild(note);
      box.appendChild(button);
    });
  };

  Proposal.prototype.handOff = function (slug) {
    var link = this.form.querySelector("[data-open-github]");
    if (!link || !this.spec.github) return;
    var base = this.spec.github.new_file + "?filename=" + encodeURIComponent(slug + ".md");
    var full = base + "&value=" + encodeURIComponent(this.text);
    var status = this.form.querySelector("[data-handoff-status]");
    if (full.length <= this.spec.github.url_limit) {
      link.href = full;
      delete link.dataset.copyFirst;
      status.textContent = "";
    } else {
      link.href = base;
      link.dataset.copyFirst = "1";
      status.textContent =
        "Your file is too long for GitHub to receive in a link (" + grouped(full.length) + " characters; about " +
        grouped(this.spec.github.url_limit) + " fit). Open in GitHub copies the file for you first: paste it into GitHub's editor " +
        "(Ctrl+V, or Cmd+V on a Mac). Or download the file and upload it.";
    }
  };

  Proposal.prototype.download = function (name, text, type) {
    if (!text) return;
    var url = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () {
      URL.revokeObjectURL(url);
    }, 1000);
  };

  Proposal.prototype.copy = function (text, done) {
    var self = this;
    var status = "[data-handoff-status]";
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(
        function () {
          self.say(status, done);
        },
        function () {
          self.say(status, "This browser did not allow copying: select the text of the file above and copy it.");
        }
      );
    } else {
      self.say(status, "This browser cannot copy for you: select the text of the file above and copy it.");
    }
  };

  // Loaded by site.js once the page is ready; the theme's document$ then announces each
  // page that instant navigation brings in (and replays the current one).
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
