// Registers every element of the library (the npm "everything" entry). The CDN build uses
// src/cdn/loader.ts instead, which loads each element's code only when its tag appears.
import './elements/provider/define.js';
import './elements/login/define.js';
import './elements/ticket-form/define.js';
import './elements/members/define.js';
import './elements/kb-search/define.js';
import './elements/thread/define.js';
import './elements/ticket-list/define.js';
import './elements/app/define.js';

export * from './index.js';
