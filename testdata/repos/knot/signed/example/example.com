$TTL 3600
@       SOA ns1 hostmaster 2026120201 7200 3600 1209600 300
        NS  ns1
        NS  ns1.example.net.
        MX  10 mx1
        MX  20 mx2.example.com   ; the backup, written absolute without its dot
mx1     A   198.51.100.25
ns1     A   198.51.100.54
mx2     A   198.51.100.26
