package main

func f(a, b int) int { return a + b }

func main() {
	println(f(1))
}
