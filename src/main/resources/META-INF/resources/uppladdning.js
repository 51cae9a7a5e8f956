// Uploads on the pages show their progress: a form of class "upload" is sent with XMLHttpRequest,
// its <progress> follows the bytes sent, and the answer (the judged dossier's page, or the page with
// the errors) replaces this one. Without JavaScript the form posts as usual.
document.querySelectorAll("form.upload").forEach(function (form) {
  form.addEventListener("submit", function (event) {
    if (!window.FormData || !window.XMLHttpRequest) {
      return;
    }
    event.preventDefault();
    var progress = form.querySelector("progress");
    var button = form.querySelector("button");
    if (button) { button.disabled = true; }
    var request = new XMLHttpRequest();
    request.open("POST", form.action);
    if (progress) {
      progress.hidden = false;
      progress.removeAttribute("value");
      request.upload.addEventListener("progress", function (e) {
        if (e.lengthComputable) { progress.max = e.total; progress.value = e.loaded; }
      });
      request.upload.addEventListener("load", function () { progress.removeAttribute("value"); });
    }
    request.addEventListener("load", function () {
      if (request.responseURL && request.responseURL !== window.location.href && request.status < 400) {
        window.location.replace(request.responseURL);
        return;
      }
      document.open();
      document.write(request.responseText);
      document.close();
    });
    request.addEventListener("error", function () { form.submit(); });
    request.send(new FormData(form));
  });
});
