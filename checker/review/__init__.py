"""Review findings in a browser: the evidence model, the local server and the page they share."""
