; Node names of tree-sitter-bind (grammar.js): comments, directives,
; record fields.
(comment) @comment
(record_type) @type
(record_class) @constant
(time_value) @number
(domain_name) @variable
(quoted_string) @string
(ipv4_address) @constant
(ipv6_address) @constant
