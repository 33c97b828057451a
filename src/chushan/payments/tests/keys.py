"""RSA keys and certificates made on the spot (2048-bit, once per test run), for the adapters' tests."""

import datetime
from functools import cache

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID


@cache
def keypair(name: str) -> tuple[rsa.RSAPrivateKey, str, str]:
    """(key object, private PEM (PKCS#8), public PEM) for a named party, the same all run long."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return key, private, public


def certificate(subject_key_name: str, *, issuer_key_name: str, common_name: str, serial: int) -> str:
    """A PEM certificate for a party's public key, signed by the issuer's key (Alipay-style: CN/OU/O/C)."""
    subject_key = keypair(subject_key_name)[0]
    issuer_key = keypair(issuer_key_name)[0]

    def name(cn):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn),
                          x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, "Alipay Test"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Ant Test"),
                          x509.NameAttribute(NameOID.COUNTRY_NAME, "CN")])

    now = datetime.datetime.now(datetime.UTC)
    issuer_cn = "Test Root CA" if issuer_key_name == "root" else "Test CA"
    cert = (x509.CertificateBuilder().subject_name(name(common_name)).issuer_name(name(issuer_cn))
            .public_key(subject_key.public_key()).serial_number(serial)
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=365))
            .sign(issuer_key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM).decode()
