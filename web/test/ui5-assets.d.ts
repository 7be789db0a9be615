// The package ships this side-effect module without typings; it exports nothing we use.
declare module '@ui5/webcomponents-react/dist/Assets-node.js'
