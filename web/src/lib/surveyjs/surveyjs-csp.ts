import { SvgRegistry } from 'survey-core';
import 'survey-react-ui';

/**
 * survey-react-ui registers one icon ("timercircle", for survey timers, which Candor
 * never uses) with an inline `style` attribute, which a strict CSP reports as a
 * violation when the icon sprite is inserted. Register the same shape without it.
 * Import this module after survey-react-ui.
 */
SvgRegistry.registerIcons({
  timercircle:
    '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 160 160"><circle cx="80" cy="80" r="70"/><circle cx="80" cy="80" r="70"/></svg>',
});
