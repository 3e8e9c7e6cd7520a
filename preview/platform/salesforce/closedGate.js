// A gate of the base components that stays closed in the preview: element internals, which synthetic shadow lacks.
export default { isOpen: () => false };
