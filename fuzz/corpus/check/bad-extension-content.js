const box = document.createElement('div');
box.innerHTML = '<a href="https://www.ceop.police.uk/safety-centre"><img src="' +
  chrome.runtime.getURL('clickceop.gif') + '" alt="Click CEOP – report to the CEOP Safety Centre"></a>';
document.body.appendChild(box);
