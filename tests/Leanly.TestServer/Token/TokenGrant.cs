using Leanly.TestServer.State;

namespace Leanly.TestServer.Token;

/// <summary>The tokens one successful token request hands out.</summary>
internal sealed record TokenGrant(IssuedToken AccessToken, IssuedToken? RefreshToken, int ExpiresIn);
