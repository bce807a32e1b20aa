/* The lesson quizzes (HTML made at build time by tangtoc/quiz_site.py): check an answer, show
   why a wrong option is wrong and the explanation, keep the page's score. Served by the site
   itself (no CDN), loaded only on pages with a quiz. Every control is a real radio button or
   button, so the quiz works from the keyboard; verdicts go to aria-live regions. */
(function () {
  "use strict";

  function element(tag, className, html) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (html !== undefined) node.innerHTML = html;
    return node;
  }

  function questions() {
    return [...document.querySelectorAll(".tt-question")];
  }

  function updateScore() {
    const all = questions();
    const answered = all.filter((form) => form.dataset.answered !== undefined);
    const right = answered.filter((form) => form.dataset.answered === "right");
    const score = document.querySelector(".tt-score");
    if (!score) return;
    score.textContent = `Điểm: ${right.length}/${all.length} (đã trả lời ` +
      `${answered.length}/${all.length} câu).`;
    if (answered.length === all.length) {
      score.textContent += right.length === all.length
        ? " Đúng hết, rất tốt!"
        : " Đọc lại giải thích của những câu sai, rồi bấm «Làm lại từ đầu» để thử lại.";
    }
  }

  function optionText(option) {
    return option.querySelector("label").innerHTML;
  }

  function checkChoice(form, feedback) {
    const chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) {
      feedback.textContent = "Hãy chọn một đáp án trước khi bấm «Kiểm tra».";
      return null;
    }
    const option = chosen.closest(".tt-option");
    const right = form.querySelector(".tt-option[data-right]");
    right.classList.add("tt-is-right");
    if (option === right) {
      feedback.append(element("p", "tt-verdict", "<strong>✔ Đúng.</strong>"));
      return true;
    }
    option.classList.add("tt-is-wrong");
    feedback.append(
      element("p", "tt-verdict", `<strong>✘ Chưa đúng.</strong> Bạn chọn ${optionText(option)}`),
      element("p", "tt-reason", `Vì sao sai: ${option.querySelector(".tt-why").innerHTML}`),
      element("p", "tt-answer", `Đáp án đúng: ${optionText(right)}`));
    return false;
  }

  function checkOrder(form, feedback) {
    const items = [...form.querySelectorAll(".tt-steps > li")];
    const misplaced = items.filter((item, place) => Number(item.dataset.step) !== place);
    items.forEach((item) => item.classList.add(
      misplaced.includes(item) ? "tt-is-wrong" : "tt-is-right"));
    if (misplaced.length === 0) {
      feedback.append(element("p", "tt-verdict", "<strong>✔ Đúng thứ tự.</strong>"));
      return true;
    }
    feedback.append(element("p", "tt-verdict",
      `<strong>✘ Chưa đúng:</strong> ${misplaced.length}/${items.length} bước ở sai chỗ. ` +
      "Thứ tự đúng:"));
    const list = element("ol", "tt-answer");
    [...items].sort((a, b) => a.dataset.step - b.dataset.step).forEach((item) =>
      list.append(element("li", "", item.querySelector(".tt-step").innerHTML)));
    feedback.append(list);
    return false;
  }

  function check(form) {
    if (form.dataset.answered !== undefined) return;  // the first answer counts
    const feedback = form.querySelector(".tt-feedback");
    feedback.replaceChildren();
    const right = form.dataset.kind === "order"
      ? checkOrder(form, feedback) : checkChoice(form, feedback);
    if (right === null) return;
    form.dataset.answered = right ? "right" : "wrong";
    feedback.classList.add(right ? "tt-right" : "tt-wrong");
    feedback.append(element("p", "tt-explanation",
      `Giải thích: ${form.querySelector(".tt-explain").innerHTML}`));
    form.querySelectorAll("input, .tt-move button").forEach((control) => {
      control.disabled = true;
    });
    // Not `disabled`: the button keeps the keyboard focus.
    form.querySelector(".tt-check").setAttribute("aria-disabled", "true");
    updateScore();
  }

  function move(button) {
    const item = button.closest("li");
    const up = button.classList.contains("tt-up");
    const other = up ? item.previousElementSibling : item.nextElementSibling;
    if (!other) return;
    if (up) other.before(item); else other.after(item);
    const list = item.parentElement;
    const place = [...list.children].indexOf(item) + 1;
    const edge = up ? place === 1 : place === list.children.length;
    item.querySelector(edge ? (up ? ".tt-down" : ".tt-up") : (up ? ".tt-up" : ".tt-down"))
      .focus();
    list.parentElement.querySelector(".tt-moved").textContent =
      `Bước «${item.querySelector(".tt-step").textContent}» giờ ở vị trí ${place}.`;
  }

  function reset() {
    questions().forEach((form) => {
      form.reset();
      delete form.dataset.answered;
      const feedback = form.querySelector(".tt-feedback");
      feedback.replaceChildren();
      feedback.classList.remove("tt-right", "tt-wrong");
      form.querySelectorAll(".tt-is-right, .tt-is-wrong").forEach((node) =>
        node.classList.remove("tt-is-right", "tt-is-wrong"));
      form.querySelectorAll("input, .tt-move button").forEach((control) => {
        control.disabled = false;
      });
      form.querySelector(".tt-check").removeAttribute("aria-disabled");
      const list = form.querySelector(".tt-steps");
      if (list) {  // back to the order the page was built with
        [...list.children].sort((a, b) => a.dataset.shown - b.dataset.shown)
          .forEach((item) => list.append(item));
      }
    });
    updateScore();
    const first = document.querySelector(".tt-question input, .tt-question button");
    if (first) first.focus();
  }

  function setUp() {
    questions().forEach((form) => {
      if (form.dataset.ready) return;
      form.dataset.ready = "1";
      form.querySelectorAll(".tt-steps > li").forEach((item, place) => {
        item.dataset.shown = place;
      });
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        check(form);
      });
      form.addEventListener("click", (event) => {
        const button = event.target.closest(".tt-up, .tt-down");
        if (button) move(button);
      });
    });
    const restart = document.querySelector(".tt-restart");
    if (restart && !restart.dataset.ready) {
      restart.dataset.ready = "1";
      restart.addEventListener("click", reset);
    }
    updateScore();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
