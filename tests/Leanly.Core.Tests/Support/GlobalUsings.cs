global using Leanly;
global using Xunit;
