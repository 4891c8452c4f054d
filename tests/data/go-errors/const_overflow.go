package main

const Big = 1 << 62

func main() {
	println(Big * 4)
}
