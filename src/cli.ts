// Headless entry: `kexue index|render|compute`.
console.log('kexue: not yet implemented');
