// On a phone the portal's tables stack each row into a card (style.css): each cell is
// labelled with its column's heading, so a row reads "Status: approved" without the header.
document.querySelectorAll("table").forEach((table) => {
  const headings = [...table.querySelectorAll("thead th")].map((th) => th.textContent.trim());
  table.querySelectorAll("tbody tr").forEach((row) => {
    [...row.children].forEach((cell, i) => {
      if (headings[i] && !cell.dataset.label) cell.dataset.label = headings[i];
    });
  });
});
